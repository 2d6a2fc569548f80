package org.metalearn.tasks;

/**
 * One fixed classification episode given as files rather than sampled: a support set (labels 0..ways-1, one-hot
 * targets) and queries with their true labels. Fixed episodes make results comparable across papers, e.g. the 20
 * one-shot runs that ship with Omniglot.
 */
public record Episode(String name, int ways, Task support, Batch queries, int[] queryLabels) {
    public Episode {
        if (queries.size() != queryLabels.length) {
            throw new IllegalArgumentException(name + ": " + queries.size() + " queries but " + queryLabels.length
                    + " labels");
        }
        for (int label : queryLabels) {
            if (label < 0 || label >= ways) {
                throw new IllegalArgumentException(name + ": query label " + label + " outside [0, " + ways + ")");
            }
        }
    }
}
