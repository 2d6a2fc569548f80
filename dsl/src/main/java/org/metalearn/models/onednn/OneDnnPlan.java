package org.metalearn.models.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.metalearn.models.onednn.OneDnnRuntime.desc;

import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.javacpp.FloatPointer;
import org.metalearn.models.ConvLayout;

/**
 * The primitives and native buffers of a {@link OneDnnConvNet} for one batch size and thread count: the blocks
 * ({@link OneDnnBlock}, the first in {@link OneDnnFilterGroups} when asked), chained so that a step runs three step
 * lists (parameters in, forward, backward) with one native call each, and the net's input and flattened output ends.
 */
final class OneDnnPlan {
    final OneDnnResources resources;
    final OneDnnFilterGroups groups; // the first block in filter groups, or null (see groupsOf)
    final OneDnnBlock[] blocks; // the others (all, without groups)
    final int threads;
    final FloatPointer input;
    final FloatPointer flat;
    final FloatPointer dflat;
    final OneDnnResources.Steps sync;
    final OneDnnResources.Steps forward;
    final OneDnnResources.Steps backward;
    long loaded = -1; // the parameter version last copied in

    OneDnnPlan(ConvLayout layout, float epsilon, int n, int threads, boolean serialWeights, int groupCount) {
        this.threads = threads;
        resources = new OneDnnResources(threads);
        sync = resources.steps();
        forward = resources.steps();
        backward = resources.steps();
        int side = layout.side(0);
        input = resources.buffer((long) n * layout.channels(0) * side * side);
        dnnl_memory_desc_t inputMd = desc(new long[] {n, layout.channels(0), side, side}, dnnl_nchw);
        dnnl_memory src = resources.memory(inputMd, input);
        dnnl_memory_desc_t srcMd = inputMd;
        dnnl_memory diffSrc = null;
        int first = 0;
        if (groupCount > 1 && threads > 1) { // on one thread the groups would only add their joining copies
            groups = new OneDnnFilterGroups(resources, layout, groupCount, n, epsilon, src, srcMd);
            src = groups.out();
            srcMd = groups.outMd();
            diffSrc = groups.diffOut();
            first = 1;
        } else {
            groups = null;
        }
        blocks = new OneDnnBlock[layout.blocks() - first];
        OneDnnResources.Steps[] backwards = new OneDnnResources.Steps[blocks.length];
        for (int b = 0; b < blocks.length; b++) {
            backwards[b] = resources.steps();
            blocks[b] = new OneDnnBlock(resources, layout, first + b, n, epsilon, serialWeights, src,
                    srcMd, diffSrc, sync, forward, backwards[b]);
            src = blocks[b].out();
            srcMd = blocks[b].outMd();
            diffSrc = blocks[b].diffOut();
        }
        // the last block's output as DL4J flattens it: [image][channel][position] is NCHW
        int last = layout.side(layout.blocks());
        dnnl_memory_desc_t flatMd = desc(new long[] {n, layout.filters(), last, last}, dnnl_nchw);
        flat = resources.buffer((long) n * layout.features());
        dflat = resources.buffer((long) n * layout.features());
        forward.reorder(src, srcMd, resources.memory(flatMd, flat), flatMd);
        backward.reorder(resources.memory(flatMd, dflat), flatMd, diffSrc, srcMd);
        for (int b = blocks.length - 1; b >= 0; b--) {
            backward.append(backwards[b]);
        }
    }

    void close() {
        if (groups != null) {
            groups.close();
        }
        resources.close();
    }
}
