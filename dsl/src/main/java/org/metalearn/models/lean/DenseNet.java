package org.metalearn.models.lean;

import java.util.Arrays;
import org.metalearn.models.Activation;
import org.metalearn.models.Learner;
import org.metalearn.models.Loss;
import org.metalearn.tasks.Batch;

/**
 * A small fully connected net (regression with mean squared error, or classification with summed softmax
 * cross-entropy on its logits), computed in plain Java.
 *
 * <p>Why hand-written: for the 1-64-64-1 sine MLP each DL4J/ND4J call costs more than the arithmetic, so loops over
 * float arrays are one to two orders of magnitude faster (docs/design/models.md). {@code models.dl4j.Dl4jDenseNet} is
 * the DL4J twin; a test checks both give the same outputs and gradients from the same parameters. Parameter layout
 * matches DL4J's flat vector: per layer the weights [nIn x nOut] column-major (element (i, o) at i + nIn*o), then the
 * nOut biases. The layers are {@link Dense}; the classification loss is {@link SoftmaxCrossEntropy}.
 */
public final class DenseNet implements Learner {
    private final int[] sizes;
    private final Activation activation;
    private final Loss loss;
    private final float[] params;
    private final int[] weightOffset;
    private final int[] biasOffset;
    // per-layer scratch, grown to the largest batch seen; reused to avoid allocation per step
    private float[][] pre = new float[0][];
    private float[][] act = new float[0][];
    private float[][] delta = new float[0][];
    private int capacity;

    /** A regression net (mean squared error). */
    public DenseNet(int[] sizes, Activation activation, float[] params) {
        this(sizes, activation, Loss.MEAN_SQUARED_ERROR, params);
    }

    public DenseNet(int[] sizes, Activation activation, Loss loss, float[] params) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a dense net needs at least an input and an output layer");
        }
        this.sizes = sizes.clone();
        this.activation = activation;
        this.loss = loss;
        this.weightOffset = new int[sizes.length - 1];
        this.biasOffset = new int[sizes.length - 1];
        int offset = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            weightOffset[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffset[l] = offset;
            offset += sizes[l + 1];
        }
        if (params.length != offset) {
            throw new IllegalArgumentException("expected " + offset + " parameters, got " + params.length);
        }
        this.params = params.clone();
    }

    /** Number of parameters of a net with these layer sizes. */
    public static int parameterCount(int[] sizes) {
        int n = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            n += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return n;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int parameterCount() {
        return params.length;
    }

    @Override
    public void getParameters(float[] dst) {
        System.arraycopy(params, 0, dst, 0, params.length);
    }

    @Override
    public void setParameters(float[] src) {
        Learner.copyParameters(src, params);
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        forward(inputs, rows);
        return Arrays.copyOf(act[sizes.length - 1], rows * sizes[sizes.length - 1]);
    }

    @Override
    public double loss(Batch batch) {
        forward(batch.inputs(), batch.size());
        return outputLoss(batch, null);
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        int rows = batch.size();
        int layers = sizes.length - 1;
        forward(batch.inputs(), rows);
        double loss = outputLoss(batch, delta[layers]);
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = sizes[l];
            float[] dPrev = l > 0 ? delta[l] : null;
            Dense.backward(params, weightOffset[l], biasOffset[l], nIn, sizes[l + 1], act[l], rows, delta[l + 1],
                    gradient, dPrev);
            if (dPrev != null) {
                float[] z = pre[l];
                float[] in = act[l];
                for (int k = 0; k < rows * nIn; k++) {
                    dPrev[k] = dPrev[k] * activation.derivative(z[k], in[k]);
                }
            }
        }
        return loss;
    }

    @Override
    public DenseNet copy() {
        return new DenseNet(sizes, activation, loss, params);
    }

    private void forward(float[] inputs, int rows) {
        ensureCapacity(rows);
        int layers = sizes.length - 1;
        System.arraycopy(inputs, 0, act[0], 0, rows * sizes[0]);
        for (int l = 0; l < layers; l++) {
            int count = rows * sizes[l + 1];
            float[] z = pre[l + 1];
            float[] a = act[l + 1];
            Dense.forward(params, weightOffset[l], biasOffset[l], sizes[l], sizes[l + 1], act[l], rows, z);
            if (l < layers - 1) {
                for (int k = 0; k < count; k++) {
                    a[k] = activation.apply(z[k]);
                }
            } else {
                System.arraycopy(z, 0, a, 0, count);
            }
        }
    }

    private double outputLoss(Batch batch, float[] outDelta) {
        return loss == Loss.MEAN_SQUARED_ERROR ? meanSquaredError(batch, outDelta)
                : softmaxCrossEntropy(batch, outDelta);
    }

    /**
     * Summed softmax cross-entropy of the logits ({@link SoftmaxCrossEntropy}, the conv nets' arithmetic); writes
     * dLoss/dLogits into {@code outDelta} when it is not null.
     */
    private double softmaxCrossEntropy(Batch batch, float[] outDelta) {
        int k = sizes[sizes.length - 1];
        int rows = batch.size();
        float[] probs = outDelta != null ? outDelta : new float[rows * k];
        System.arraycopy(act[sizes.length - 1], 0, probs, 0, rows * k);
        SoftmaxCrossEntropy.softmax(probs, rows, k);
        double loss = SoftmaxCrossEntropy.loss(probs, batch.targets(), rows, k);
        if (outDelta != null) {
            SoftmaxCrossEntropy.gradient(outDelta, batch.targets(), rows, k);
        }
        return loss;
    }

    /** Mean over samples and outputs of the squared error (DL4J's LossMSE with mini-batch averaging);
     * writes dLoss/dOutput into {@code outDelta} when it is not null. */
    private double meanSquaredError(Batch batch, float[] outDelta) {
        int n = batch.size() * sizes[sizes.length - 1];
        float[] out = act[sizes.length - 1];
        float[] y = batch.targets();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            float e = out[k] - y[k];
            sum += (double) e * e;
            if (outDelta != null) {
                outDelta[k] = 2f * e / n;
            }
        }
        return sum / n;
    }

    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        int layers = sizes.length;
        pre = new float[layers][];
        act = new float[layers][];
        delta = new float[layers][];
        for (int l = 0; l < layers; l++) {
            pre[l] = new float[rows * sizes[l]];
            act[l] = new float[rows * sizes[l]];
            delta[l] = new float[rows * sizes[l]];
        }
        capacity = rows;
    }
}
