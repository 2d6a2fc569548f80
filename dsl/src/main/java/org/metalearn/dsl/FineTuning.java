package org.metalearn.dsl;

/** The fine-tuning of a few-shot evaluation set by {@code evalProtocol}: steps and support images per batch. */
record FineTuning(int iterations, int batch) {
    @Override
    public String toString() {
        return iterations + " steps of " + batch;
    }
}
