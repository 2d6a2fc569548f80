package org.metalearn.tasks;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * One task's pool of training samples (the data an inner loop may draw mini-batches from).
 * Each sample belongs to a group: its class for classification, group 0 for regression; the
 * separate-tail FOMAML variant holds out samples per group.
 */
public final class Task {
    private final float[] inputs;
    private final float[] targets;
    private final int[] groups;
    private final int size;

    public Task(float[] inputs, float[] targets, int[] groups) {
        this.size = groups.length;
        if (size == 0 || inputs.length % size != 0 || targets.length % size != 0) {
            throw new IllegalArgumentException("a task needs at least one sample and whole rows of inputs/targets");
        }
        this.inputs = inputs;
        this.targets = targets;
        this.groups = groups;
    }

    /** A regression task: all samples in one group. */
    public static Task regression(float[] inputs, float[] targets) {
        int rows = targets.length;
        return new Task(inputs, targets, new int[rows]);
    }

    public int size() {
        return size;
    }

    public int inputWidth() {
        return inputs.length / size;
    }

    public int targetWidth() {
        return targets.length / size;
    }

    public int group(int sample) {
        return groups[sample];
    }

    /** The samples at {@code indices[from .. from+count)} as one batch (copies the rows). */
    public Batch batch(int[] indices, int from, int count) {
        int iw = inputWidth();
        int tw = targetWidth();
        float[] x = new float[count * iw];
        float[] y = new float[count * tw];
        for (int r = 0; r < count; r++) {
            int s = indices[from + r];
            System.arraycopy(inputs, s * iw, x, r * iw, iw);
            System.arraycopy(targets, s * tw, y, r * tw, tw);
        }
        return new Batch(x, y, count);
    }

    public Batch batch(int[] indices) {
        return batch(indices, 0, indices.length);
    }

    /** The whole pool as one batch, in pool order. */
    public Batch all() {
        return new Batch(inputs.clone(), targets.clone(), size);
    }

    /** The task restricted to the given samples, in the given order. */
    public Task subset(int[] indices) {
        Batch b = batch(indices);
        int[] g = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            g[i] = groups[indices[i]];
        }
        return new Task(b.inputs(), b.targets(), g);
    }

    /**
     * Splits off {@code perGroup} random samples of every group as a held-out tail (separate-tail FOMAML,
     * docs/paper.md#first-order-maml-in-the-official-code). Throws if a group has no sample left for the head.
     */
    public Split holdOutTail(int perGroup, UniformRandomProvider rng) {
        int groupCount = Arrays.stream(groups).max().orElse(0) + 1;
        int[] order = PermutationSampler.natural(size);
        PermutationSampler.shuffle(rng, order);
        int[] takenPerGroup = new int[groupCount];
        int[] head = new int[size];
        int[] tail = new int[size];
        int h = 0;
        int t = 0;
        for (int s : order) {
            if (takenPerGroup[groups[s]] < perGroup) {
                takenPerGroup[groups[s]]++;
                tail[t++] = s;
            } else {
                head[h++] = s;
            }
        }
        for (int g = 0; g < groupCount; g++) {
            if (takenPerGroup[g] < perGroup) {
                throw new IllegalArgumentException("tail: group " + g + " has only " + takenPerGroup[g]
                        + " samples, cannot hold out " + perGroup);
            }
        }
        if (h == 0) {
            throw new IllegalArgumentException("tail: holding out " + perGroup + " per group leaves no samples for the inner steps");
        }
        // keep pool order inside head and tail so the split itself is the only random choice
        int[] headIdx = Arrays.copyOf(head, h);
        int[] tailIdx = Arrays.copyOf(tail, t);
        Arrays.sort(headIdx);
        Arrays.sort(tailIdx);
        return new Split(subset(headIdx), subset(tailIdx));
    }

    /** A head (inner steps 1..k-1) and a disjoint tail (the final step). */
    public record Split(Task head, Task tail) {
    }
}
