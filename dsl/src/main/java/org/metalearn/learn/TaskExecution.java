package org.metalearn.learn;

/** How the tasks of one meta-batch are run. */
public enum TaskExecution {
    /**
     * One task after another with one inner optimizer whose state carries from task to task, exactly as the
     * official code (docs/paper.md#adam). Uses one core for the adaptation itself.
     */
    SEQUENTIAL,
    /**
     * The meta-batch's tasks at once, one core each, on separate copies of the network. Each task starts from the
     * optimizer state of the meta-iteration's start; afterwards the states are merged as if the tasks had run one
     * after another ({@link InnerOptimizer#merge}). Each task draws its mini-batches from a stream of its own,
     * seeded in task order, so results do not depend on the number of cores. With plain SGD (stateless) the
     * update is the official one; with Adam only the second-moment estimate a task starts from differs (by at most
     * the other tasks' few steps of an average over ~1,000 steps).
     */
    PARALLEL
}
