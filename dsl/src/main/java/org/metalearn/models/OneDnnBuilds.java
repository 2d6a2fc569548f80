package org.metalearn.models;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which of the two oneDNN builds a JVM runs: ND4J's own (under DL4J's reference nets, {@code models.dl4j}) or the
 * project's (org.bytedeco:dnnl, under {@code models.onednn}, the presets' conv nets on linux-x86_64). Once the latter
 * is loaded, ND4J's ops crash the whole JVM (docs/design/models.md#two-onednn-builds), so the first backend a JVM uses
 * claims it and the other fails with an explanation instead. Shared by both backends, so it lives in the API package;
 * no native code here: asking must not load either library.
 */
public final class OneDnnBuilds {
    /** The two users of a oneDNN build. */
    public enum User {
        DL4J_REFERENCE_NETS("DL4J's reference nets (models.dl4j)"),
        ONEDNN_CONVOLUTIONS("the oneDNN conv nets (models.onednn)");

        private final String label;

        User(String label) {
            this.label = label;
        }
    }

    private static final AtomicReference<User> CLAIMED = new AtomicReference<>();

    private OneDnnBuilds() {
    }

    /** Claims this JVM for {@code user}; fails if the other user claimed it first. */
    public static void claim(User user) {
        User first = CLAIMED.compareAndExchange(null, user);
        if (first != null && first != user) {
            throw new IllegalStateException(user.label + " cannot run in this JVM: it already ran " + first.label
                    + ", and the two load different oneDNN builds that crash the JVM together. Use one of them per "
                    + "JVM (in a notebook: restart the kernel); to use DL4J's nets with the presets, start the JVM "
                    + "with -D" + Convolutions.PROPERTY + "=im2col.");
        }
    }
}
