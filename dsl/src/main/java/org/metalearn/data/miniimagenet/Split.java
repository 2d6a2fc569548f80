package org.metalearn.data.miniimagenet;

import java.util.Locale;

/** The three parts of Mini-ImageNet, named as their folders and CSV files. */
public enum Split {
    TRAIN,
    VAL,
    TEST;

    /** "train", "val" or "test". */
    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
