package org.metalearn.bench;

import java.util.List;
import java.util.function.IntFunction;
import org.metalearn.models.LearnerFactory;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;

/**
 * The two ways the lean conv nets compute convolutions, which {@code bench} times side by side: im2col copies + an
 * OpenBLAS sgemm (the presets' nets), or oneDNN's convolution primitives (the opt-in {@code leanOneDnn} nets).
 */
enum ConvChoice {
    IM2COL("im2col+OpenBLAS", OmniglotNet::lean, MiniImageNetNet::lean),
    ONEDNN("oneDNN", OmniglotNet::leanOneDnn, MiniImageNetNet::leanOneDnn);

    private final String label;
    private final IntFunction<LearnerFactory> omniglot;
    private final IntFunction<LearnerFactory> miniImageNet;

    ConvChoice(String label, IntFunction<LearnerFactory> omniglot, IntFunction<LearnerFactory> miniImageNet) {
        this.label = label;
        this.omniglot = omniglot;
        this.miniImageNet = miniImageNet;
    }

    LearnerFactory omniglot(int ways) {
        return omniglot.apply(ways);
    }

    LearnerFactory miniImageNet(int ways) {
        return miniImageNet.apply(ways);
    }

    /** A line name tagged with this choice, e.g. {@code conv inner step (batch 10, Adam) [oneDNN]}. */
    String tag(String line) {
        return line + " [" + label + "]";
    }

    /** The choices {@code --convolutions im2col|onednn|both} names. */
    static List<ConvChoice> parse(String value) {
        return switch (value) {
            case "im2col" -> List.of(IM2COL);
            case "onednn" -> List.of(ONEDNN);
            case "both" -> List.of(IM2COL, ONEDNN);
            default -> throw new IllegalArgumentException("--convolutions must be im2col, onednn or both, got '"
                    + value + "'");
        };
    }
}
