package org.metalearn.models.onednn;

import static org.bytedeco.dnnl.global.dnnl.*;
import static org.metalearn.models.onednn.OneDnnRuntime.check;
import static org.metalearn.models.onednn.OneDnnRuntime.desc;
import static org.metalearn.models.onednn.OneDnnRuntime.dims;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.metalearn.models.ConvLayout;

/**
 * A net's first block split by filters into groups, each a whole {@link OneDnnBlock} of its own (convolution, batch
 * norm, pool; own native resources and stream, one OpenMP thread) writing its channels into one joined output. Why:
 * batch norm must run on one thread (oneDNN splits its sums across threads, which changes their rounding, see
 * {@link OneDnnResources#serial}), and on Mini-ImageNet's 84x84 maps it is a large part of a step
 * (docs/design/models.md#onednn-threads). Each filter's convolution, batch norm and pool need no other filter, so
 * groups can run at once on different cores, and each group computes the same bits on any number of cores. Only a
 * first block: below it, each group's gradient w.r.t. the block's input would be a partial sum to add up.
 *
 * <p>oneDNN can run batch norm on a channel slice of a larger tensor only with its slow reference code
 * ({@code bnorm_ref} instead of {@code bnorm_jit}), so each group has dense tensors of its own and a copy joins them.
 */
final class OneDnnFilterGroups implements AutoCloseable {
    private final OneDnnResources[] resources;
    private final OneDnnBlock[] groups;
    private final OneDnnResources.Steps[] sync;
    private final OneDnnResources.Steps[] forward;
    private final OneDnnResources.Steps[] backward;
    private final dnnl_memory out;
    private final dnnl_memory_desc_t outMd;
    private final dnnl_memory diffOut;

    /**
     * Block 0 of {@code layout} on a batch of {@code n} in {@code count} groups of equal filters, reading the net's
     * input {@code src} (layout {@code srcMd}); {@code r} owns the joined output.
     */
    OneDnnFilterGroups(OneDnnResources r, ConvLayout layout, int count, int n, float epsilon, dnnl_memory src,
                       dnnl_memory_desc_t srcMd) {
        if (count < 1 || layout.filters() % count != 0) {
            throw new IllegalArgumentException("groups must divide the " + layout.filters() + " filters, got " + count);
        }
        int per = layout.filters() / count;
        resources = new OneDnnResources[count];
        groups = new OneDnnBlock[count];
        sync = new OneDnnResources.Steps[count];
        forward = new OneDnnResources.Steps[count];
        backward = new OneDnnResources.Steps[count];
        OneDnnResources.Steps[] blockBackward = new OneDnnResources.Steps[count];
        for (int g = 0; g < count; g++) {
            resources[g] = new OneDnnResources(1);
            sync[g] = resources[g].steps();
            forward[g] = resources[g].steps();
            backward[g] = resources[g].steps();
            blockBackward[g] = resources[g].steps();
            groups[g] = new OneDnnBlock(resources[g], layout, 0, g * per, per, n, epsilon, false, src, srcMd, null,
                    sync[g], forward[g], blockBackward[g]);
        }
        outMd = joinedLayout(groups[0].outMd(), layout.filters(), per);
        FloatPointer outBuffer = r.buffer(dnnl_memory_desc_get_size(outMd) / Float.BYTES);
        FloatPointer diffBuffer = r.buffer(dnnl_memory_desc_get_size(outMd) / Float.BYTES);
        out = r.memory(outMd, outBuffer);
        diffOut = r.memory(outMd, diffBuffer);
        long[] groupDims = dims(groups[0].outMd());
        for (int g = 0; g < count; g++) {
            dnnl_memory_desc_t part = new dnnl_memory_desc_t();
            check(dnnl_memory_desc_init_submemory(part, outMd, groupDims, new long[] {0, (long) g * per, 0, 0}),
                    "filter group sub-memory");
            forward[g].reorder(groups[g].out(), groups[g].outMd(), resources[g].memory(part, outBuffer), part);
            backward[g].reorder(resources[g].memory(part, diffBuffer), part, groups[g].diffOut(), groups[g].outMd());
            backward[g].append(blockBackward[g]);
        }
    }

    /**
     * The joined output's layout: the groups' own blocked layout (e.g. nChw8c) when a group's channels fill whole
     * blocks of it, so the joining copies are plain block copies; else plain NCHW (correct, one more reorder).
     */
    private static dnnl_memory_desc_t joinedLayout(dnnl_memory_desc_t groupMd, int filters, int per) {
        long[] groupDims = dims(groupMd);
        long[] joinedDims = {groupDims[0], filters, groupDims[2], groupDims[3]};
        int[] tags = {dnnl_aBcd8b, dnnl_aBcd16b, dnnl_acdb};
        int[] blocks = {8, 16, 1};
        for (int i = 0; i < tags.length; i++) {
            if (per % blocks[i] == 0 && dnnl_memory_desc_equal(groupMd, desc(groupDims, tags[i])) != 0) {
                return desc(joinedDims, tags[i]);
            }
        }
        return desc(joinedDims, dnnl_nchw);
    }

    int count() {
        return groups.length;
    }

    /** The joined output (the next block's input), its layout, and where its gradient goes (same layout). */
    dnnl_memory out() {
        return out;
    }

    dnnl_memory_desc_t outMd() {
        return outMd;
    }

    dnnl_memory diffOut() {
        return diffOut;
    }

    /** Copies every group's parameters in and reorders them (on the calling thread). */
    void load(float[] params) {
        for (int g = 0; g < groups.length; g++) {
            groups[g].load(params);
            sync[g].run();
        }
    }

    /** Runs every group forward, at once on the calling thread's OpenMP team (one group per thread). */
    void forward() {
        OpenMpTeam.run(forward.length, g -> forward[g].run());
    }

    /** Runs every group backward from {@link #diffOut()}, as {@link #forward}. */
    void backward() {
        OpenMpTeam.run(backward.length, g -> backward[g].run());
    }

    void gradients(float[] gradient, float[] images) {
        for (OneDnnBlock group : groups) {
            group.gradients(gradient, images);
        }
    }

    @Override
    public void close() {
        for (OneDnnResources r : resources) {
            r.close();
        }
    }
}
