package org.metalearn.models;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metalearn.learn.Adam;
import org.metalearn.models.dl4j.Dl4jNets;
import org.metalearn.tasks.Batch;
import org.metalearn.util.RandomStreams;
import org.metalearn.models.lean.LeanConvNetTest;

/**
 * Child-JVM half of {@code onednn.OneDnnConvNetTest}: DL4J's reference net cannot run in a JVM that loaded the project's
 * oneDNN (see OneDnnBuilds), so this main computes the reference numbers in its own JVM and writes them to a
 * file: the (perturbed) parameters; for batches of 10 and 5, the loss, every gradient and the softmax outputs; the
 * parameters and losses after 50 Adam steps. The batches come from {@link #batch}, which the test calls too.
 *
 * <p>usage: Dl4jReferenceDump omniglot|miniimagenet WAYS OUT_FILE
 */
public final class Dl4jReferenceDump {
    public static final int[] BATCHES = {10, 5};
    public static final int ADAM_STEPS = 50;

    private Dl4jReferenceDump() {
    }

    public static Batch batch(String net, int rows, int ways, long seed) {
        return net.equals("omniglot") ? LeanConvNetTest.randomBatch(rows, ways, seed)
                : MiniImageNetNetTest.randomBatch(rows, ways, seed);
    }

    /** The reference's starting parameters perturbed, so every batch-norm and bias term of the backward pass matters. */
    public static float[] perturbed(float[] theta) {
        float[] p = theta.clone();
        var rng = RandomStreams.of(7, RandomStreams.Role.INIT);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.05 * (rng.nextDouble() - 0.5));
        }
        return p;
    }

    public static void main(String[] args) throws IOException {
        String net = args[0];
        int ways = Integer.parseInt(args[1]);
        Learner reference = (net.equals("omniglot") ? Dl4jNets.omniglot(ways) : Dl4jNets.miniImageNet(ways))
                .create(RandomStreams.of(ways, RandomStreams.Role.INIT));
        float[] theta = perturbed(reference.parameters());
        reference.setParameters(theta);
        Path out = Path.of(args[2]);
        try (OutputStream file = Files.newOutputStream(out); DataOutputStream data = new DataOutputStream(file)) {
            write(data, theta);
            for (int rows : BATCHES) {
                Batch batch = batch(net, rows, ways, rows);
                float[] gradient = new float[theta.length];
                data.writeDouble(reference.lossAndGradient(batch, gradient));
                write(data, gradient);
                write(data, reference.predict(batch.inputs(), rows));
            }
            Adam adam = new Adam(1e-3);
            float[] p = theta.clone();
            float[] gradient = new float[p.length];
            for (int s = 0; s < ADAM_STEPS; s++) {
                reference.setParameters(p);
                reference.lossAndGradient(batch(net, 10, ways, 100 + s % 5), gradient);
                adam.step(p, gradient);
            }
            reference.setParameters(p);
            write(data, p);
            for (int i = 0; i < 5; i++) {
                data.writeDouble(reference.loss(batch(net, 10, ways, 100 + i)));
            }
        }
    }

    private static void write(DataOutputStream data, float[] values) throws IOException {
        data.writeInt(values.length);
        for (float v : values) {
            data.writeFloat(v);
        }
    }
}
