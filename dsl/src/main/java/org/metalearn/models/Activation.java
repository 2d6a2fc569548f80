package org.metalearn.models;

/** Hidden-layer non-linearities of the dense nets. */
public enum Activation {
    /** The official sine demo's choice. */
    TANH,
    /** What the demo's comment says the paper used. */
    RELU;

    public float apply(float z) {
        return this == TANH ? tanh(z) : Math.max(0f, z);
    }

    /**
     * tanh through one exp (a JIT intrinsic), since Math.tanh dominated the sine MLP's step time. Accurate to float
     * precision; |z| > 20 is +-1 in float anyway. Figure 1's recorded run depends on these bits.
     */
    static float tanh(float z) {
        if (z > 20f) {
            return 1f;
        }
        if (z < -20f) {
            return -1f;
        }
        double e = Math.exp(2.0 * z);
        return (float) ((e - 1.0) / (e + 1.0));
    }

    /** Derivative expressed through the pre-activation z and the activation a. */
    public float derivative(float z, float a) {
        return this == TANH ? 1f - a * a : (z > 0f ? 1f : 0f);
    }

    /** DL4J's enum constant for this activation (for the reference nets). */
    public org.nd4j.linalg.activations.Activation dl4j() {
        return this == TANH ? org.nd4j.linalg.activations.Activation.TANH : org.nd4j.linalg.activations.Activation.RELU;
    }
}
