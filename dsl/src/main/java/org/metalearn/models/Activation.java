package org.metalearn.models;

/** Hidden-layer non-linearities of the dense nets. */
public enum Activation {
    /** The official sine demo's choice. */
    TANH,
    /** What the demo's comment says the paper used. */
    RELU;

    float apply(float z) {
        return this == TANH ? (float) Math.tanh(z) : Math.max(0f, z);
    }

    /** Derivative expressed through the pre-activation z and the activation a. */
    float derivative(float z, float a) {
        return this == TANH ? 1f - a * a : (z > 0f ? 1f : 0f);
    }

    org.nd4j.linalg.activations.Activation dl4j() {
        return this == TANH ? org.nd4j.linalg.activations.Activation.TANH : org.nd4j.linalg.activations.Activation.RELU;
    }
}
