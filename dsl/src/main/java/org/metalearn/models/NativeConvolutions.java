package org.metalearn.models;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which oneDNN build a JVM runs. DL4J's reference nets ({@code models.reference}) run ND4J, whose native library
 * carries a oneDNN of its own; {@link OneDnnConv} loads another (org.bytedeco:dnnl), which the presets' conv nets use
 * on linux-x86_64 ({@link Convolutions#preferred()}). Measured here: once the latter is loaded, ND4J's ops crash the
 * whole JVM (SIGSEGV in free: DL4J's conv helper, and a dense net's tanh backward too), which in a notebook kills the
 * kernel. So the first of the two a JVM uses claims it and the other fails with this explanation instead. No native
 * code here: asking must not load either library.
 */
public final class NativeConvolutions {
    /** The two users of a oneDNN build. */
    public enum User {
        DL4J_REFERENCE_NETS("DL4J's reference nets (Dl4jNets)"),
        ONEDNN_CONVOLUTIONS("the oneDNN conv nets (OneDnnConvNet)");

        private final String label;

        User(String label) {
            this.label = label;
        }
    }

    private static final AtomicReference<User> CLAIMED = new AtomicReference<>();

    private NativeConvolutions() {
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
