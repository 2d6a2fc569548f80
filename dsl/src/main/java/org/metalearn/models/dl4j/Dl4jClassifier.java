package org.metalearn.models.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.metalearn.models.Initializers;
import org.metalearn.models.Learner;
import org.metalearn.models.OneDnnBuilds;
import org.metalearn.tasks.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J softmax classifier as a {@link Learner}. Only trainable parameters are exposed: batch-norm running
 * statistics live in DL4J's flat parameter vector too, but the paper always uses batch statistics, so they are
 * masked out and never meta-learned. The loss is the SUM of per-example cross-entropies (docs/paper.md#loss); DL4J's
 * computed gradient is already that sum (its updater would divide by the batch size; ours does not).
 * Predictions always use batch statistics (train-mode forward), as the official code.
 */
public final class Dl4jClassifier implements Learner {
    private final MultiLayerConfiguration conf;
    private final MultiLayerNetwork net;
    /** Trainable segments of the flat vector: [start, length] pairs. */
    private final int[][] segments;
    private final int trainable;
    private final float[] full;

    private Dl4jClassifier(MultiLayerConfiguration conf, float[] fullParams) {
        OneDnnBuilds.claim(OneDnnBuilds.User.DL4J_REFERENCE_NETS);
        this.conf = conf;
        this.net = new MultiLayerNetwork(conf.clone());
        net.init();
        this.full = fullParams != null ? fullParams.clone() : net.params().toFloatVector();
        this.segments = trainableSegments(net);
        int n = 0;
        for (int[] s : segments) {
            n += s[1];
        }
        this.trainable = n;
        pushFull();
    }

    /** A freshly initialised classifier: Glorot-uniform weights from {@code rng}, zero biases, gamma 1, beta 0. */
    public static Dl4jClassifier create(MultiLayerConfiguration conf, UniformRandomProvider rng) {
        Dl4jClassifier c = new Dl4jClassifier(conf, null);
        c.initialise(rng);
        return c;
    }

    private void initialise(UniformRandomProvider rng) {
        int offset = 0;
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                INDArray p = e.getValue();
                int len = (int) p.length();
                String key = e.getKey();
                if (key.equals("W")) {
                    long[] shape = p.shape();
                    int fanIn;
                    int fanOut;
                    if (shape.length == 4) { // conv [out, in, kh, kw]
                        int receptive = (int) (shape[2] * shape[3]);
                        fanIn = (int) shape[1] * receptive;
                        fanOut = (int) shape[0] * receptive;
                    } else { // dense [in, out]
                        fanIn = (int) shape[0];
                        fanOut = (int) shape[1];
                    }
                    Initializers.glorotUniform(full, offset, len, fanIn, fanOut, rng);
                } else {
                    float value = key.equals("gamma") || key.equals("var") ? 1f : 0f;
                    Arrays.fill(full, offset, offset + len, value);
                }
                offset += len;
            }
        }
        pushFull();
    }

    private static int[][] trainableSegments(MultiLayerNetwork net) {
        List<int[]> segs = new ArrayList<>();
        int offset = 0;
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                int len = (int) e.getValue().length();
                boolean trainable = !(e.getKey().equals("mean") || e.getKey().equals("var")
                        || e.getKey().equals("log10stdev"));
                if (trainable) {
                    if (!segs.isEmpty() && segs.get(segs.size() - 1)[0] + segs.get(segs.size() - 1)[1] == offset) {
                        segs.get(segs.size() - 1)[1] += len;
                    } else {
                        segs.add(new int[] {offset, len});
                    }
                }
                offset += len;
            }
        }
        if (offset != net.numParams()) {
            throw new IllegalStateException("parameter layout not understood: " + offset + " vs " + net.numParams());
        }
        return segs.toArray(new int[0][]);
    }

    // With -Dorg.bytedeco.javacpp.nopointergc=true (our launcher's default, ~30 % less GC) ND4J frees nothing
    // by itself: every array created here is closed explicitly, or a long run grows without bound.
    private void pushFull() {
        try (INDArray flat = Nd4j.createFromArray(full)) {
            net.params().assign(flat.reshape(net.params().shape()));
        }
    }

    @Override
    public int parameterCount() {
        return trainable;
    }

    /** All parameters including the (unused) batch-norm running statistics. */
    public long totalParameterCount() {
        return net.numParams();
    }

    @Override
    public void getParameters(float[] dst) {
        int k = 0;
        for (int[] s : segments) {
            System.arraycopy(full, s[0], dst, k, s[1]);
            k += s[1];
        }
    }

    @Override
    public void setParameters(float[] src) {
        if (src.length != trainable) {
            throw new IllegalArgumentException("expected " + trainable + " parameters, got " + src.length);
        }
        int k = 0;
        for (int[] s : segments) {
            System.arraycopy(src, k, full, s[0], s[1]);
            k += s[1];
        }
        pushFull();
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        float[] g;
        try (INDArray x = Nd4j.create(batch.inputs(), new long[] {batch.size(), batch.inputWidth()}, 'c');
             INDArray y = Nd4j.create(batch.targets(), new long[] {batch.size(), batch.targetWidth()}, 'c')) {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            g = net.gradient().gradient().toFloatVector();
            net.setInput(null);
            net.setLabels(null);
        }
        int k = 0;
        for (int[] s : segments) {
            System.arraycopy(g, s[0], gradient, k, s[1]);
            k += s[1];
        }
        return net.score() * batch.size(); // DL4J's score is the mean; the paper's loss is the sum
    }

    @Override
    public double loss(Batch batch) {
        float[] g = new float[trainable];
        return lossAndGradient(batch, g);
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        try (INDArray x = Nd4j.create(inputs, new long[] {rows, inputs.length / rows}, 'c');
             INDArray out = net.output(x, true); // train mode: batch statistics, as the paper
             INDArray flat = Nd4j.toFlattened('c', out)) {
            return flat.toFloatVector();
        }
    }

    @Override
    public Dl4jClassifier copy() {
        return new Dl4jClassifier(conf, full);
    }

    public MultiLayerNetwork network() {
        return net;
    }
}
