package org.metalearn.eval;

/**
 * How few-shot classification is evaluated (docs/paper.md#evaluation): per task, N classes with {@code shots} support
 * images and one query each; {@code iterations} fine-tuning steps on batches of {@code batch} support images;
 * queries classified together (transductive) or each forwarded with the whole support set; accuracy over
 * {@code tasks} tasks.
 */
public record FewShotProtocol(int shots, int iterations, int batch, boolean transductive, int tasks) {
    public FewShotProtocol {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be >= 1, got " + shots);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("evalIterations must be >= 0, got " + iterations);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("evalBatch must be >= 1, got " + batch);
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("tasks must be >= 1, got " + tasks);
        }
    }
}
