package org.metalearn.eval;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.metalearn.learn.InnerOptimizer;
import org.metalearn.models.Learner;
import org.metalearn.tasks.Episode;
import org.metalearn.util.RandomStreams;
import org.metalearn.util.Workers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Evaluation on fixed episodes given as files (e.g. Omniglot's 20 one-shot runs): each episode adapted and
 * classified exactly as a sampled task in {@link FewShotEvaluator} (same fine-tuning, same transductive or one-query-
 * at-a-time prediction; the protocol's shots and tasks do not apply, the episode fixes both). Reported as error
 * rates, as Lake et al. report these runs: error % = 100 - accuracy, per episode and their mean.
 */
public final class EpisodeEvaluator {
    private EpisodeEvaluator() {
    }

    /** One row per episode (name, ways, queries, correct, error %) and a last row "mean" (error % averaged). */
    public static Table evaluate(Learner prototype, float[] theta, InnerOptimizer optimizer, List<Episode> episodes,
                                 FewShotProtocol protocol, UniformRandomProvider rng) {
        long[] seeds = new long[episodes.size()];
        for (int e = 0; e < seeds.length; e++) {
            seeds[e] = rng.nextLong(); // one stream per episode, in order: the result does not depend on threads
        }
        int[] correct = new int[episodes.size()];
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), episodes.size()));
        AtomicInteger next = new AtomicInteger();
        Workers.run("episode evaluation", workers, worker -> {
            Learner learner = prototype.copy();
            float[] adapted = new float[theta.length];
            for (int e = next.getAndIncrement(); e < episodes.size(); e = next.getAndIncrement()) {
                Workers.checkInterrupted("episode evaluation");
                Episode episode = episodes.get(e);
                int[] predicted = FewShotEvaluator.adaptAndPredict(learner, theta, optimizer, episode.support(),
                        episode.queries(), episode.ways(), protocol, RandomStreams.fromSeed(seeds[e]), adapted);
                int right = 0;
                for (int q = 0; q < predicted.length; q++) {
                    if (predicted[q] == episode.queryLabels()[q]) {
                        right++;
                    }
                }
                correct[e] = right;
            }
        });
        return table(episodes, correct);
    }

    static Table table(List<Episode> episodes, int[] correct) {
        StringColumn name = StringColumn.create("episode");
        IntColumn ways = IntColumn.create("ways");
        IntColumn queries = IntColumn.create("queries");
        IntColumn right = IntColumn.create("correct");
        DoubleColumn error = DoubleColumn.create("error %");
        double sum = 0;
        int totalQueries = 0;
        int totalCorrect = 0;
        for (int e = 0; e < episodes.size(); e++) {
            Episode episode = episodes.get(e);
            int q = episode.queryLabels().length;
            double err = 100.0 * (q - correct[e]) / q;
            name.append(episode.name());
            ways.append(episode.ways());
            queries.append(q);
            right.append(correct[e]);
            error.append(err);
            sum += err;
            totalQueries += q;
            totalCorrect += correct[e];
        }
        name.append("mean");
        ways.appendMissing();
        queries.append(totalQueries);
        right.append(totalCorrect);
        error.append(sum / episodes.size());
        return Table.create("error on fixed episodes", name, ways, queries, right, error);
    }
}
