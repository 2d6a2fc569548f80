package org.metalearn.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * An inner optimizer's merge of a meta-batch's task states ({@link InnerOptimizer#merge}), split by parameter
 * index: {@link #range} on disjoint ranges may run on different threads, then {@link #finish} on one thread
 * installs the result. Every parameter's merged state depends on that parameter's slot values alone, in the same
 * order of operations however the indices are split, so the workers of a meta-batch can share the merge without
 * changing a bit.
 */
interface RangeMerge {

    /** The number of parameter indices to cover with {@link #range}. */
    int length();

    /** Merges the parameters with indices in [{@code from}, {@code to}). */
    void range(int from, int to);

    /** Installs the merged state into the optimizer, once every index was covered. */
    void finish();

    /**
     * The merge into {@code optimizer} of its task copies {@code ends} (made by its {@link InnerOptimizer#copy},
     * stepped since; the optimizer itself unchanged meanwhile), in task order: split for Adam, whole at
     * {@link #finish} for the others.
     */
    static RangeMerge of(InnerOptimizer optimizer, List<InnerOptimizer> ends) {
        if (optimizer instanceof Adam adam) {
            return adam.rangeMerge(ends);
        }
        return new RangeMerge() {
            @Override
            public int length() {
                return 0;
            }

            @Override
            public void range(int from, int to) {
                // nothing to split: finish merges
            }

            @Override
            public void finish() {
                List<OptimizerState> states = new ArrayList<>(ends.size());
                for (InnerOptimizer e : ends) {
                    states.add(e.state());
                }
                optimizer.merge(optimizer.state(), states);
            }
        };
    }
}
