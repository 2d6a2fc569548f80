package org.metalearn.dsl;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one sweep run: what it varied (by column), its final metrics and its key in the run store.
 * Accuracy and its interval are percent (classification, NaN for regression); {@code evalLoss} is the final
 * evaluation's loss (regression, NaN for classification) and {@code ci95} the 95 % interval of whichever of the
 * two is measured; {@code trainLoss} the last curve row's training loss; {@code seconds} the wall time of
 * training, summed over sessions (the only value that differs between repeats of a run).
 */
public record SweepRow(String key, Map<String, Object> settings, double accuracy, double evalLoss, double ci95,
                       double trainLoss, long iterations, double seconds) implements Serializable {
    public SweepRow {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The same row with other settings columns (a stored run read back for the sweep that asks for it). */
    SweepRow withSettings(Map<String, Object> shown) {
        return new SweepRow(key, shown, accuracy, evalLoss, ci95, trainLoss, iterations, seconds);
    }
}
