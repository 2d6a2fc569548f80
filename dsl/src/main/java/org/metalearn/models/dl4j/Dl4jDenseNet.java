package org.metalearn.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Learner;
import org.metalearn.models.OneDnnBuilds;
import org.metalearn.tasks.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The dense regression net as a DL4J {@link MultiLayerNetwork}: the plain reference path for
 * {@link DenseNet}. DL4J's own updater is off (NoOp): our inner optimizers update the flat vector,
 * so SGD/Adam semantics are exactly those of docs/paper.md#inner-loop whichever backend computes the gradient.
 */
public final class Dl4jDenseNet implements Learner {
    private final int[] sizes;
    private final Activation activation;
    private final MultiLayerNetwork net;

    public Dl4jDenseNet(int[] sizes, Activation activation, float[] params) {
        // ND4J's ops (dense ones too, measured: SIGSEGV in free) crash once the project's oneDNN is loaded
        OneDnnBuilds.claim(OneDnnBuilds.User.DL4J_REFERENCE_NETS);
        this.sizes = sizes.clone();
        this.activation = activation;
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .miniBatch(true) // gradient of the mean loss over the batch, like DenseNet
                .list();
        for (int l = 0; l < sizes.length - 2; l++) {
            list.layer(new DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1]).activation(activation.dl4j()).build());
        }
        int last = sizes.length - 2;
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(sizes[last]).nOut(sizes[last + 1])
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
        MultiLayerConfiguration conf = list.build();
        this.net = new MultiLayerNetwork(conf);
        net.init();
        setParameters(params);
    }

    @Override
    public int parameterCount() {
        return (int) net.numParams();
    }

    @Override
    public void getParameters(float[] dst) {
        float[] p = net.params().toFloatVector();
        System.arraycopy(p, 0, dst, 0, p.length);
    }

    @Override
    public void setParameters(float[] src) {
        if (src.length != net.numParams()) {
            throw new IllegalArgumentException("expected " + net.numParams() + " parameters, got " + src.length);
        }
        net.setParams(Nd4j.create(src, new long[] {1, src.length}, DataType.FLOAT));
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        net.setInput(matrix(batch.inputs(), batch.size()));
        net.setLabels(matrix(batch.targets(), batch.size()));
        net.computeGradientAndScore();
        // DL4J returns the gradient of the summed loss (its updater divides by the batch size later);
        // the score is already the mean, so scale the gradient to match it
        float[] g = net.gradient().gradient().toFloatVector();
        float scale = 1f / batch.size();
        for (int i = 0; i < g.length; i++) {
            gradient[i] = g[i] * scale;
        }
        return net.score();
    }

    @Override
    public double loss(Batch batch) {
        net.setInput(matrix(batch.inputs(), batch.size()));
        net.setLabels(matrix(batch.targets(), batch.size()));
        return net.score(new org.nd4j.linalg.dataset.DataSet(matrix(batch.inputs(), batch.size()),
                matrix(batch.targets(), batch.size())), false);
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        return net.output(matrix(inputs, rows), false).toFloatVector();
    }

    @Override
    public Dl4jDenseNet copy() {
        return new Dl4jDenseNet(sizes, activation, parameters());
    }

    private static INDArray matrix(float[] rowMajor, int rows) {
        return Nd4j.create(rowMajor, new long[] {rows, rowMajor.length / rows}, 'c');
    }
}
