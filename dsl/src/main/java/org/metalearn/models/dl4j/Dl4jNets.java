package org.metalearn.models.dl4j;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.metalearn.models.Activation;
import org.metalearn.models.Backend;
import org.metalearn.models.Initializers;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.ModelId;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.SineMlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's nets written as DL4J configurations: the reference the fast nets are tested against (same
 * architecture, same parameter order, same initial draws). DL4J's own updater is off (NoOp): our optimizers
 * update the flat parameter vector. (DL4J's own Activation enum is written out in full where it is used: the
 * short name is our {@link Activation}.)
 */
public final class Dl4jNets {
    private Dl4jNets() {
    }

    /**
     * N-way Omniglot nets on DL4J (oneDNN helpers on): the reference for {@link OmniglotNet#lean}, ~15x slower
     * for this small net; the same initial weights for the same generator. Pass to {@code .model(...)}.
     */
    public static LearnerFactory omniglot(int ways) {
        MultiLayerConfiguration conf = omniglotConfiguration(ways);
        Dl4jOneDnnHelpers.enable();
        return LearnerFactory.named(ModelId.conv(OmniglotNet.ARCHITECTURE, Backend.DL4J, ways),
                rng -> Dl4jClassifier.create(conf, rng));
    }

    /**
     * N-way Mini-ImageNet nets on DL4J (oneDNN helpers on): the reference for {@link MiniImageNetNet#lean}; the
     * same initial weights for the same generator. Pass to {@code .model(...)}.
     */
    public static LearnerFactory miniImageNet(int ways) {
        MultiLayerConfiguration conf = miniImageNetConfiguration(ways);
        Dl4jOneDnnHelpers.enable();
        return LearnerFactory.named(ModelId.conv(MiniImageNetNet.ARCHITECTURE, Backend.DL4J, ways),
                rng -> Dl4jClassifier.create(conf, rng));
    }

    /** The sine MLP ({@link SineMlp}) on DL4J: the reference for {@link SineMlp#lean}. */
    public static LearnerFactory sineMlp(Activation activation) {
        return LearnerFactory.named(ModelId.dense(SineMlp.ARCHITECTURE, Backend.DL4J, activation),
                rng -> new Dl4jDenseNet(SineMlp.SIZES, activation, Initializers.torchLinearDefault(SineMlp.SIZES, rng)));
    }

    /** The start both conv nets share: float data, no updater (our optimizers update), 'same' padding. */
    private static NeuralNetConfiguration.ListBuilder convolutional(int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .convolutionMode(ConvolutionMode.Same)
                .list();
    }

    /** The Omniglot net ({@link OmniglotNet}) as a DL4J configuration for N-way classification. */
    public static MultiLayerConfiguration omniglotConfiguration(int ways) {
        NeuralNetConfiguration.ListBuilder list = convolutional(ways);
        for (int b = 0; b < OmniglotNet.BLOCKS; b++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(OmniglotNet.FILTERS)
                    .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().eps(OmniglotNet.BN_EPSILON).build());
            list.layer(new ActivationLayer.Builder().activation(org.nd4j.linalg.activations.Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ways)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutionalFlat(OmniglotNet.SIDE, OmniglotNet.SIDE, 1));
        return list.build();
    }

    /**
     * The Mini-ImageNet net ({@link MiniImageNetNet}) as a DL4J configuration: the official order conv -> batch
     * norm -> max-pool -> ReLU, each a layer of its own.
     */
    public static MultiLayerConfiguration miniImageNetConfiguration(int ways) {
        NeuralNetConfiguration.ListBuilder list = convolutional(ways);
        for (int b = 0; b < MiniImageNetNet.BLOCKS; b++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).stride(MiniImageNetNet.STRIDE, MiniImageNetNet.STRIDE)
                    .nOut(MiniImageNetNet.FILTERS).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().eps(MiniImageNetNet.BN_EPSILON).build());
            list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .build());
            list.layer(new ActivationLayer.Builder().activation(org.nd4j.linalg.activations.Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ways)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutionalFlat(MiniImageNetNet.SIDE, MiniImageNetNet.SIDE,
                MiniImageNetNet.CHANNELS));
        return list.build();
    }
}
