package org.metalearn.models;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's Omniglot network (PAPER.md 1.7, after MAML): 28x28x1 -> 4 x [conv 3x3, 64 filters, stride 2,
 * 'same' padding (28 -> 14 -> 7 -> 4 -> 2) -> batch norm (eps 1e-3, always batch statistics) -> ReLU]
 * -> flatten 256 -> dense N -> softmax cross-entropy. Glorot-uniform kernels, zero biases, gamma 1, beta 0.
 */
public final class OmniglotNet {
    public static final int SIDE = 28;
    public static final int FILTERS = 64;
    public static final int BLOCKS = 4;
    /** TensorFlow's batch_normalization epsilon, which the official code leaves at its default. */
    public static final double BN_EPSILON = 1e-3;

    private OmniglotNet() {
    }

    /** The DL4J configuration for an N-way classifier (DL4J's own updater off: we apply our optimizers). */
    public static MultiLayerConfiguration configuration(int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .convolutionMode(ConvolutionMode.Same)
                .list();
        for (int b = 0; b < BLOCKS; b++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(FILTERS)
                    .activation(Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().eps(BN_EPSILON).build());
            list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ways)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1));
        return list.build();
    }

    /**
     * Factory of freshly initialised N-way nets on the fastest backend: {@link LeanConvNet}, unless
     * {@code -Dmetalearn.backend=dl4j}. Both draw the same initial weights from the same generator.
     */
    public static LearnerFactory factory(int ways) {
        String backend = System.getProperty(BACKEND_PROPERTY, "lean");
        return switch (backend) {
            case "lean" -> leanFactory(ways);
            case "dl4j" -> dl4jFactory(ways);
            default -> throw new IllegalArgumentException(BACKEND_PROPERTY + " must be 'lean' or 'dl4j', got '"
                    + backend + "'");
        };
    }

    /** System property choosing the conv net's backend: lean (default) or dl4j. */
    public static final String BACKEND_PROPERTY = "metalearn.backend";

    /** N-way nets on DL4J (oneDNN helpers on). */
    public static LearnerFactory dl4jFactory(int ways) {
        OneDnn.enable();
        MultiLayerConfiguration conf = configuration(ways);
        return rng -> Dl4jClassifier.create(conf, rng);
    }

    /** N-way {@link LeanConvNet}s (the same initial weights as {@link #dl4jFactory} for the same generator). */
    public static LearnerFactory leanFactory(int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        return rng -> LeanConvNet.create(ways, rng);
    }
}
