package org.metalearn.learn;

import org.metalearn.models.Activation;
import org.metalearn.models.lean.DenseNet;
import org.metalearn.models.Initializers;
import org.metalearn.tasks.SineTasks;
import org.metalearn.tasks.Task;
import org.metalearn.util.RandomStreams;

/** A tiny net and sine tasks shared by the algorithm tests. */
final class AlgorithmFixtures {
    static final int[] SIZES = {1, 4, 3, 1};

    private AlgorithmFixtures() {
    }

    static DenseNet tinyNet(long seed) {
        return new DenseNet(SIZES, Activation.TANH,
                Initializers.torchLinearDefault(SIZES, RandomStreams.of(seed, RandomStreams.Role.INIT)));
    }

    static Task sineTask(long seed) {
        return new SineTasks(20).sample(RandomStreams.of(seed, RandomStreams.Role.TASKS));
    }

    static float[] add(float[] a, float[] b, float scale) {
        float[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += scale * b[i];
        }
        return c;
    }
}
