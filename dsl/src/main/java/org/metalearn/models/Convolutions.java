package org.metalearn.models;

import java.util.Locale;
import org.bytedeco.javacpp.Loader;

/**
 * How the paper's conv nets are computed: on float arrays with im2col copies + an OpenBLAS sgemm per convolution
 * ({@link Backend#LEAN}), or block by block in oneDNN's primitives ({@link Backend#ONEDNN}). The presets take
 * {@link #preferred()}: oneDNN where the project ships its natives (linux-x86_64), since it measured faster there
 * (docs/performance.md); im2col elsewhere, or when {@code -Dmetalearn.convolutions=im2col} asks for it (e.g. to resume
 * a run recorded with it, or to use DL4J's reference conv nets in the same JVM, see {@link OneDnnBuilds}).
 */
public enum Convolutions {
    IM2COL("im2col+OpenBLAS", Backend.LEAN, "im2col"),
    ONEDNN("oneDNN", Backend.ONEDNN, "onednn");

    /** The system property that overrides {@link #preferred()}: {@code im2col} or {@code onednn}. */
    public static final String PROPERTY = "metalearn.convolutions";

    private final String label;
    private final Backend backend;
    private final String property;

    Convolutions(String label, Backend backend, String property) {
        this.label = label;
        this.backend = backend;
        this.property = property;
    }

    /** The backend that computes the nets this way. */
    public Backend backend() {
        return backend;
    }

    /** The way a backend computes conv nets, or null for a backend that is not one of the two (DL4J's). */
    public static Convolutions of(Backend backend) {
        for (Convolutions c : values()) {
            if (c.backend == backend) {
                return c;
            }
        }
        return null;
    }

    /** The value of {@link #PROPERTY} that asks for this way, e.g. {@code im2col}. */
    public String property() {
        return property;
    }

    /** e.g. {@code oneDNN}. */
    public String label() {
        return label;
    }

    /** The N-way Omniglot net computed this way. */
    public LearnerFactory omniglot(int ways) {
        return this == ONEDNN ? OmniglotNet.oneDnn(ways) : OmniglotNet.lean(ways);
    }

    /** The N-way Mini-ImageNet net computed this way. */
    public LearnerFactory miniImageNet(int ways) {
        return this == ONEDNN ? MiniImageNetNet.oneDnn(ways) : MiniImageNetNet.lean(ways);
    }

    /** The presets' choice: {@code -Dmetalearn.convolutions} if set, else oneDNN on linux-x86_64, else im2col. */
    public static Convolutions preferred() {
        String asked = System.getProperty(PROPERTY);
        if (asked != null && !asked.isBlank()) {
            return parse(asked, PROPERTY);
        }
        return Loader.getPlatform().equals("linux-x86_64") ? ONEDNN : IM2COL;
    }

    /** {@code im2col} or {@code onednn} (any case); {@code field} names the setting in the error. */
    public static Convolutions parse(String value, String field) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "im2col" -> IM2COL;
            case "onednn" -> ONEDNN;
            default -> throw new IllegalArgumentException(field + " must be im2col or onednn, got '" + value + "'");
        };
    }
}
