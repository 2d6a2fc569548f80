package org.metalearn.dsl;

import static org.metalearn.dsl.Meta.meta;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.metalearn.models.SineMlp;
import org.metalearn.models.Activation;
import org.metalearn.models.dl4j.Dl4jNets;

/** Prints a digest of the parameters of a short seeded run, lean and DL4J backends; run in a child JVM. */
public final class DeterminismProbe {
    private DeterminismProbe() {
    }

    static String fingerprint() {
        float[] lean = meta().reptile().innerAdam(0.001).metaBatch(2).metaIterations(30).seed(3).progress(false)
                .train().parameters();
        float[] dl4j = meta().fomaml().model(Dl4jNets.sineMlp(Activation.RELU)).metaIterations(5).seed(3).progress(false)
                .train().parameters();
        return digest(lean) + " " + digest(dl4j);
    }

    private static String digest(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4);
        for (float v : values) {
            buf.putFloat(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        System.out.println(fingerprint());
    }
}
