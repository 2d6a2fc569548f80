package org.metalearn.models.onednn;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.CoreLending;
import org.metalearn.models.Learner;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.OneDnnBuilds;
import org.metalearn.models.lean.DenseHead;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.lean.SoftmaxCrossEntropy;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;

/**
 * The paper's conv nets ({@link OmniglotNet}, {@link MiniImageNetNet}) with every block in oneDNN ({@link OneDnnBlock}:
 * convolution, batch norm fused with ReLU, max-pool; forward and backward) and the dense head on float arrays
 * ({@link DenseHead}). Same parameter vector, initial draws and numbers (to float32 rounding) as {@link LeanConvNet},
 * which is held to the DL4J reference; faster because activations stay in oneDNN's own layouts between blocks and a
 * step crosses from Java to native code twice (forward, backward) instead of once or more per layer.
 *
 * <p>One {@link OneDnnPlan} per batch size (and thread count), built on first use (a few ms) and kept. For a given
 * batch size and CPU instruction set the results repeat bit for bit, on any number of lent cores
 * ({@link #lendCores(int)}). Not thread-safe: use one {@link #copy()} per thread (oneDNN runs on the calling thread
 * and, if it was lent cores, OpenMP threads of its own, see {@link OneDnnRuntime}). Why and how it keeps the bits on
 * more threads: docs/design/models.md#onednn-threads.
 */
public final class OneDnnConvNet implements Learner {
    private static final Cleaner CLEANER = Cleaner.create();
    // (layout, filter groups, batch size, mode) -> whether a mode computes the same bits as one thread (sameBits)
    private static final Map<List<Object>, Boolean> SAME_BITS = new ConcurrentHashMap<>();
    private static final int FILTER_GROUPS_MIN_SIDE = 64;

    /** The plans of one net, closed when the net is unreachable (their natives are not garbage-collected). */
    private static final class Plans implements Runnable {
        final Map<List<Object>, OneDnnPlan> byBatch = new HashMap<>(); // by (batch size, mode)

        @Override
        public void run() {
            byBatch.values().forEach(OneDnnPlan::close);
            byBatch.clear();
        }
    }

    private final ConvLayout layout;
    private final float bnEpsilon;
    private final float[] params;
    private final int groups;
    private final Plans plans = new Plans();
    private long version;
    private int threads = 1;
    private float[] flat = new float[0];
    private float[] dflat = new float[0];
    private float[] probs = new float[0];

    OneDnnConvNet(ConvLayout layout, float bnEpsilon, float[] params) {
        this(layout, bnEpsilon, params, groupsOf(layout));
    }

    /** As above, with the first block in {@code groups} filter groups on more threads (1: whole), e.g. to compare. */
    OneDnnConvNet(ConvLayout layout, float bnEpsilon, float[] params, int groups) {
        if (groups < 1 || layout.filters() % groups != 0) {
            throw new IllegalArgumentException("groups must divide the " + layout.filters() + " filters, got "
                    + groups);
        }
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException("expected " + layout.parameterCount() + " parameters, got "
                    + params.length);
        }
        OneDnnBuilds.claim(OneDnnBuilds.User.ONEDNN_CONVOLUTIONS);
        this.layout = layout;
        this.bnEpsilon = bnEpsilon;
        this.params = params.clone();
        this.groups = groups;
        CLEANER.register(this, plans);
    }

    /** A fresh net: the same draws as {@link LeanConvNet#create(ConvLayout, float, UniformRandomProvider)}. */
    public static OneDnnConvNet create(ConvLayout layout, float bnEpsilon, UniformRandomProvider rng) {
        return new OneDnnConvNet(layout, bnEpsilon, layout.initialParameters(rng));
    }

    @Override
    public int parameterCount() {
        return params.length;
    }

    @Override
    public void getParameters(float[] dst) {
        System.arraycopy(params, 0, dst, 0, params.length);
    }

    @Override
    public void setParameters(float[] src) {
        Learner.copyParameters(src, params);
        version++;
    }

    /** Runs the blocks forward on {@code n} images and leaves the softmax probabilities in {@link #probs}. */
    private OneDnnPlan forward(float[] inputs, int n) {
        int values = layout.channels(0) * layout.side(0) * layout.side(0);
        if (n < 1 || inputs.length != (long) n * values) {
            throw new IllegalArgumentException("expected " + n + " images of " + layout.side(0) + "x"
                    + layout.side(0) + "x" + layout.channels(0) + " = " + (long) n * values + " values, got "
                    + inputs.length);
        }
        return forward(inputs, n, plan(n, modeFor(n)));
    }

    /**
     * How a plan runs: on how many threads, and whether the convolutions' kernel gradients stay on one of them (where
     * oneDNN would split their sums across threads, e.g. on AVX-512 for Mini-ImageNet's large maps).
     */
    private record Mode(int threads, boolean serialWeights) {
    }

    private static final Mode ONE_THREAD = new Mode(1, false);

    /**
     * How a computation on {@code n} images runs: on {@link #lendCores(int)}'s count if that keeps the bits, with the
     * kernel gradients on one thread if only that keeps them (both checked once per JVM, see {@link #sameBits}),
     * else on one thread.
     */
    private Mode modeFor(int n) {
        if (threads > 1) {
            for (boolean serialWeights : new boolean[] {false, true}) {
                if (sameBits(layout, bnEpsilon, groups, n, new Mode(threads, serialWeights))) {
                    return new Mode(threads, serialWeights);
                }
            }
        }
        return ONE_THREAD;
    }

    /** The threads a computation on {@code n} images runs on (see {@link #modeFor}). */
    int threadsFor(int n) {
        return modeFor(n).threads();
    }

    /** Whether a computation on {@code n} images keeps its kernel gradients on one thread (see {@link #modeFor}). */
    boolean serialWeightsFor(int n) {
        return modeFor(n).serialWeights();
    }

    /** Whether {@link #lendCores(int)}'s count, with or without the kernel gradients on one thread, keeps the bits. */
    boolean sameBits(int n, boolean serialWeights) {
        return sameBits(layout, bnEpsilon, groups, n, new Mode(threads, serialWeights));
    }

    /**
     * The filter groups of the first block on more than one thread ({@link OneDnnFilterGroups}): two where the
     * block's batch norm, which must run on one thread, is large (Mini-ImageNet's 84x84 maps), else one, i.e. no
     * groups (Omniglot's 14x14 maps). One thread never uses groups. Grouped or not, the numbers are the same bits,
     * which {@link #sameBits} checks (measurements: docs/design/models.md#onednn-threads).
     */
    static int groupsOf(ConvLayout layout) {
        return layout.convSide(0) >= FILTER_GROUPS_MIN_SIDE && layout.filters() % 2 == 0 ? 2 : 1;
    }

    private OneDnnPlan plan(int n, Mode mode) {
        return plans.byBatch.computeIfAbsent(List.of(n, mode),
                k -> new OneDnnPlan(layout, bnEpsilon, n, mode.threads(), mode.serialWeights(), groups));
    }

    private OneDnnPlan forward(float[] inputs, int n, OneDnnPlan plan) {
        if (plan.loaded != version) {
            if (plan.groups != null) {
                plan.groups.load(params);
            }
            for (OneDnnBlock block : plan.blocks) {
                block.load(params);
            }
            plan.sync.run();
            plan.loaded = version;
        }
        plan.input.put(inputs, 0, inputs.length);
        if (plan.groups != null) {
            plan.groups.forward();
        }
        plan.forward.run();
        int features = n * layout.features();
        if (flat.length < features) {
            flat = new float[features];
            dflat = new float[features];
            probs = new float[n * layout.ways()];
        }
        plan.flat.get(flat, 0, features);
        DenseHead.forward(layout, params, flat, n, probs);
        return plan;
    }

    @Override
    public double lossAndGradient(Batch batch, float[] gradient) {
        if (gradient.length != params.length) {
            throw new IllegalArgumentException("expected a gradient of " + params.length + ", got " + gradient.length);
        }
        checkTargets(batch);
        return backward(batch, gradient, forward(batch.inputs(), batch.size()));
    }

    /** The loss and gradient on {@code batch}, once {@code plan} ran forward on it. */
    private double backward(Batch batch, float[] gradient, OneDnnPlan plan) {
        int n = batch.size();
        double loss = SoftmaxCrossEntropy.loss(probs, batch.targets(), n, layout.ways());
        DenseHead.backward(layout, params, flat, n, probs, batch.targets(), gradient, dflat);
        plan.dflat.put(dflat, 0, n * layout.features());
        plan.backward.run();
        if (plan.groups != null) {
            plan.groups.backward();
            plan.groups.gradients(gradient, batch.inputs());
        }
        for (OneDnnBlock block : plan.blocks) {
            block.gradients(gradient, batch.inputs());
        }
        return loss;
    }

    @Override
    public float[] predict(float[] inputs, int rows) {
        forward(inputs, rows);
        float[] out = new float[rows * layout.ways()];
        System.arraycopy(probs, 0, out, 0, out.length);
        return out;
    }

    @Override
    public double loss(Batch batch) {
        checkTargets(batch);
        forward(batch.inputs(), batch.size());
        return SoftmaxCrossEntropy.loss(probs, batch.targets(), batch.size(), layout.ways());
    }

    private void checkTargets(Batch batch) {
        if (batch.targetWidth() != layout.ways()) {
            throw new IllegalArgumentException("expected one-hot targets of width " + layout.ways() + ", got "
                    + batch.targetWidth());
        }
    }

    /**
     * Takes the lent cores up ({@link CoreLending}): each oneDNN primitive then splits its work over that many OpenMP
     * threads, except batch norm's, which stay on one (a large first block runs in filter groups instead, see
     * {@link #groupsOf}). The results stay bit-identical to one thread's, checked once per JVM, layout, batch size and
     * count ({@link #sameBits}); where they would not, the kernel gradients or the whole batch size stay on one thread.
     */
    @Override
    public void lendCores(int cores) {
        CoreLending.check(cores);
        threads = cores;
    }

    /**
     * Whether a step on {@code n} images computes the same bits on {@code count} threads as on one: oneDNN decides
     * from the shapes and the thread count alone (never from the data) how to split each primitive's work, so one
     * step on pseudo-random images and parameters shows whether any sum is split (its float rounding changes).
     */
    private static boolean sameBits(ConvLayout layout, float epsilon, int groups, int n, Mode mode) {
        return SAME_BITS.computeIfAbsent(List.of(layout, groups, n, mode), k -> {
            var rng = RandomStreams.fromSeed(0x5eed);
            OneDnnConvNet net = new OneDnnConvNet(layout, epsilon, layout.initialParameters(rng), groups);
            float[] images = new float[n * layout.channels(0) * layout.side(0) * layout.side(0)];
            for (int i = 0; i < images.length; i++) {
                images[i] = rng.nextFloat();
            }
            float[] targets = new float[n * layout.ways()];
            for (int i = 0; i < n; i++) {
                targets[i * layout.ways() + rng.nextInt(layout.ways())] = 1;
            }
            Batch batch = new Batch(images, targets, n);
            float[] one = new float[net.params.length];
            float[] many = new float[net.params.length];
            double lossOne = net.backward(batch, one, net.forward(images, n, net.plan(n, ONE_THREAD)));
            double lossMany = net.backward(batch, many, net.forward(images, n, net.plan(n, mode)));
            net.plans.run(); // frees the natives now
            return Double.doubleToLongBits(lossOne) == Double.doubleToLongBits(lossMany) && Arrays.equals(one, many);
        });
    }

    @Override
    public OneDnnConvNet copy() {
        return new OneDnnConvNet(layout, bnEpsilon, params, groups);
    }
}
