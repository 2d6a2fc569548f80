package org.metalearn.models.onednn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.metalearn.learn.Adam;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.ConvLayout;
import org.metalearn.models.Dl4jReferenceDump;
import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;
import org.metalearn.models.lean.LeanConvNet;
import org.metalearn.models.lean.LeanConvNetTest;

/**
 * {@link OneDnnFilterGroups}: the first block split by filters (run at once on {@link OpenMpTeam}) computes what the
 * whole block does, on one thread and on two (each filter's convolution, batch norm and pool need no other filter,
 * so only a wrong slice, offset or join could change a number); and the OpenMP team runs every index once, on
 * distinct threads, and reports a body's failure.
 */
class OneDnnFilterGroupsTest {

    @Test
    void theMiniImageNetNetSplitsItsFirstBlockAndOmniglotsDoesNot() {
        assertEquals(2, OneDnnConvNet.groupsOf(MiniImageNetNet.layout(5)));
        assertEquals(1, OneDnnConvNet.groupsOf(OmniglotNet.layout(5)));
        assertEquals(1, OneDnnConvNet.groupsOf(OmniglotNet.layout(20)));
    }

    @Test
    void groupsComputeWhatTheWholeBlockComputes() {
        ConvLayout layout = MiniImageNetNet.layout(5);
        float[] theta = Dl4jReferenceDump.perturbed(
                layout.initialParameters(RandomStreams.of(3, RandomStreams.Role.INIT)));
        OneDnnConvNet whole = new OneDnnConvNet(layout, 1e-3f, theta, 1);
        OneDnnConvNet wholeOnTwo = new OneDnnConvNet(layout, 1e-3f, theta, 1);
        OneDnnConvNet groups = new OneDnnConvNet(layout, 1e-3f, theta, 2);
        wholeOnTwo.lendCores(2);
        groups.lendCores(2); // groups run on more than one thread only
        float[] p = theta.clone();
        Adam adam = new Adam(1e-3);
        for (int step = 0; step < 3; step++) { // the parameters move between steps: each group loads its slice
            Batch batch = Dl4jReferenceDump.batch("miniimagenet", 10, 5, 60 + step);
            float[] expected = new float[theta.length];
            double loss = whole.lossAndGradient(batch, expected);
            for (OneDnnConvNet net : new OneDnnConvNet[] {wholeOnTwo, groups}) {
                float[] gradient = new float[theta.length];
                String what = (net == groups ? "filter groups" : "whole block") + " on 2 threads, step " + step;
                assertEquals(loss, net.lossAndGradient(batch, gradient), 1e-6 * Math.abs(loss), what + ": loss");
                // each part against its own scale: the first block's kernel, gamma, beta (both groups' halves),
                // then the rest, which sees the joined output
                int[] bounds = {layout.kernelOffset(0), layout.gammaOffset(0), layout.betaOffset(0),
                    layout.betaOffset(0) + layout.filters(), theta.length};
                for (int b = 0; b + 1 < bounds.length; b++) {
                    double err = LeanConvNetTest.relativeError(gradient, expected, bounds[b], bounds[b + 1]);
                    assertTrue(err < 1e-6, what + ": gradient [" + bounds[b] + ", " + bounds[b + 1]
                            + ") relative error " + err);
                }
                double out = LeanConvNetTest.relativeError(net.predict(batch.inputs(), 10),
                        whole.predict(batch.inputs(), 10), 0, 50);
                assertTrue(out < 1e-6, what + ": outputs relative error " + out);
            }
            adam.step(p, expected);
            whole.setParameters(p);
            wholeOnTwo.setParameters(p);
            groups.setParameters(p);
        }
        // else the nets above fell back to one thread, the whole block, and compared nothing new
        assertEquals(2, groups.threadsFor(10), "filter groups keep the bits, so they ran (at once)");
        assertEquals(2, wholeOnTwo.threadsFor(10));
    }

    @Test
    void badGroupCountsAreRefused() {
        ConvLayout layout = MiniImageNetNet.layout(5);
        float[] theta = new float[layout.parameterCount()];
        var e = assertThrows(IllegalArgumentException.class, () -> new OneDnnConvNet(layout, 1e-3f, theta, 3));
        assertEquals("groups must divide the 32 filters, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OneDnnConvNet(layout, 1e-3f, theta, 0));
    }

    @Test
    void theOpenMpTeamRunsEveryIndexOnceOnDistinctThreads() {
        for (int count : new int[] {1, 2, 3}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            var threads = ConcurrentHashMap.<Thread>newKeySet();
            Thread caller = Thread.currentThread();
            var callerIndex = new int[] {-1};
            OpenMpTeam.run(count, i -> {
                runs.incrementAndGet(i);
                threads.add(Thread.currentThread());
                if (Thread.currentThread() == caller) {
                    callerIndex[0] = i;
                }
            });
            for (int i = 0; i < count; i++) {
                assertEquals(1, runs.get(i), count + " indices: index " + i + " runs once");
            }
            assertEquals(count, threads.size(), count + " indices: one thread each");
            assertEquals(0, callerIndex[0], "the caller is the team's thread 0");
        }
        // the team's threads are reused from region to region (they stay attached to the JVM)
        var first = ConcurrentHashMap.<Thread>newKeySet();
        var second = ConcurrentHashMap.<Thread>newKeySet();
        OpenMpTeam.run(2, i -> first.add(Thread.currentThread()));
        OpenMpTeam.run(2, i -> second.add(Thread.currentThread()));
        assertEquals(first, second);
    }

    @Test
    void aBodysFailureReachesTheCallerAfterTheOthersFinished() {
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        IllegalStateException failure = new IllegalStateException("group 1 failed");
        var thrown = assertThrows(IllegalStateException.class, () -> OpenMpTeam.run(2, i -> {
            runs.incrementAndGet(i);
            if (i == 1) {
                throw failure;
            }
        }));
        assertSame(failure, thrown);
        assertArrayEquals(new int[] {1, 1}, new int[] {runs.get(0), runs.get(1)});
        AssertionError error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> OpenMpTeam.run(2, i -> {
            if (i == 0) {
                throw error;
            }
        })));
    }
}
