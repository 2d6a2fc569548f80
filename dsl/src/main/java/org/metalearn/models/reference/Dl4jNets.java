package org.metalearn.models.reference;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.metalearn.models.OmniglotNet;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The paper's nets written as DL4J configurations: the reference the fast nets are tested against (same
 * architecture, same parameter order, same initial draws). DL4J's own updater is off (NoOp): our optimizers
 * update the flat parameter vector.
 */
public final class Dl4jNets {
    private Dl4jNets() {
    }

    /** The Omniglot net ({@link OmniglotNet}) for N-way classification. */
    public static MultiLayerConfiguration omniglot(int ways) {
        if (ways < 2) {
            throw new IllegalArgumentException("ways must be >= 2, got " + ways);
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .convolutionMode(ConvolutionMode.Same)
                .list();
        for (int b = 0; b < OmniglotNet.BLOCKS; b++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(OmniglotNet.FILTERS)
                    .activation(Activation.IDENTITY).build());
            list.layer(new BatchNormalization.Builder().eps(OmniglotNet.BN_EPSILON).build());
            list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ways)
                .activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutionalFlat(OmniglotNet.SIDE, OmniglotNet.SIDE, 1));
        return list.build();
    }
}
