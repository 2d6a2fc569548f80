package org.metalearn.models;

import java.util.Locale;
import org.bytedeco.javacpp.Loader;

/**
 * How the paper's conv nets are computed: on float arrays with im2col copies + an OpenBLAS sgemm per convolution
 * ({@code OmniglotNet.lean}, {@link LeanConvNet}), or block by block in oneDNN's primitives
 * ({@code OmniglotNet.oneDnn}, {@link OneDnnConvNet}). The presets take {@link #preferred()}: oneDNN where the project ships its natives
 * (linux-x86_64), since it measured faster on every bench line there (README "Speed"); im2col elsewhere, or when
 * {@code -Dmetalearn.convolutions=im2col} asks for it (e.g. to resume a run recorded with it, or to use DL4J's
 * reference conv nets in the same JVM, see {@link NativeConvolutions}).
 */
public enum Convolutions {
    IM2COL("im2col+OpenBLAS"),
    ONEDNN("oneDNN");

    /** The system property that overrides {@link #preferred()}: {@code im2col} or {@code onednn}. */
    public static final String PROPERTY = "metalearn.convolutions";

    private final String label;

    Convolutions(String label) {
        this.label = label;
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
