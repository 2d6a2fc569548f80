package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.metalearn.report.SearchCharts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables of a halving search. {@link #of}: a sweep table (settings, metric, ci95, trainLoss, iterations,
 * seconds, key: the values at each run's last rung) with, after the settings, the metric at every rung
 * ({@code accuracy@100}, ... empty where the run did not get), {@code rung} (the last rung it reached, from 1) and
 * {@code stopped} ("full budget" or "below the top 1/eta at rung r"). {@link #history}: the rung results in the
 * order they happened.
 */
final class SearchTable {
    static final String STOPPED = "stopped";
    static final String FULL_BUDGET = "full budget";

    private SearchTable() {
    }

    static Table of(HalvingSearch search, List<long[]> rungs, SearchCoordinator c) {
        List<RunPoint> points = search.points();
        List<SweepRow> last = new ArrayList<>();
        List<Integer> runs = new ArrayList<>();
        for (int r = 0; r < points.size(); r++) {
            int level = c.scheduler().lastLevel(r);
            if (level >= 0) {
                last.add(c.row(r, level));
                runs.add(r);
            }
        }
        Table t = SweepTable.of("halving search", last);
        String metric = metric(last);
        TreeSet<Long> iterations = new TreeSet<>();
        rungs.forEach(a -> {
            for (long i : a) {
                iterations.add(i);
            }
        });
        int at = points.isEmpty() ? 0 : points.get(0).shown().size();
        for (long i : iterations) {
            DoubleColumn col = DoubleColumn.create(metric + "@" + i);
            for (int r : runs) {
                col.append(valueAt(rungs.get(r), i, c, r, metric));
            }
            t.insertColumn(at++, col);
        }
        IntColumn rung = IntColumn.create("rung");
        runs.forEach(r -> rung.append(c.scheduler().lastLevel(r) + 1));
        t.insertColumn(at++, rung);
        StringColumn stopped = StringColumn.create(STOPPED);
        runs.forEach(r -> stopped.append(c.scheduler().stopReason(r)));
        t.insertColumn(at, stopped);
        return t;
    }

    private static double valueAt(long[] rungs, long iteration, SearchCoordinator c, int run, String metric) {
        for (int level = 0; level < rungs.length; level++) {
            SweepRow row = rungs[level] == iteration ? c.row(run, level) : null;
            if (row != null) {
                return metric.equals("accuracy") ? row.accuracy() : row.evalLoss();
            }
        }
        return Double.NaN; // missing in the table
    }

    /** "accuracy" when the runs measure it (classification), else "evalLoss". */
    static String metric(List<SweepRow> rows) {
        return rows.stream().anyMatch(r -> !Double.isNaN(r.accuracy())) ? "accuracy" : "evalLoss";
    }

    static Table history(HalvingSearch search, SearchCoordinator c) {
        List<SearchJournal.Event> done = c.journal().events().stream().filter(e -> !e.started()).toList();
        String metric = metric(done.stream().map(SearchJournal.Event::row).toList());
        boolean max = metric.equals("accuracy");
        List<long[]> rungs = search.rungs();
        IntColumn step = IntColumn.create("step");
        IntColumn run = IntColumn.create("run");
        IntColumn rung = IntColumn.create("rung");
        LongColumn iterations = LongColumn.create("iterations");
        DoubleColumn value = DoubleColumn.create(metric);
        DoubleColumn seconds = DoubleColumn.create(SearchCharts.TRAINING_SECONDS);
        DoubleColumn best = DoubleColumn.create(SearchCharts.BEST_FULL_BUDGET);
        StringColumn key = StringColumn.create("key");
        double total = 0;
        double bestSoFar = Double.NaN;
        Map<Integer, Double> secondsOf = new HashMap<>();
        for (int i = 0; i < done.size(); i++) {
            SearchJournal.Event e = done.get(i);
            SweepRow row = e.row();
            double v = max ? row.accuracy() : row.evalLoss();
            total += row.seconds() - secondsOf.getOrDefault(e.run(), 0.0); // a rung trains on from the last one
            secondsOf.put(e.run(), row.seconds());
            if (e.level() == rungs.get(e.run()).length - 1 && !Double.isNaN(v)
                    && (Double.isNaN(bestSoFar) || (max ? v > bestSoFar : v < bestSoFar))) {
                bestSoFar = v;
            }
            step.append(i + 1);
            run.append(e.run());
            rung.append(e.level() + 1);
            iterations.append(row.iterations());
            value.append(v);
            seconds.append(total);
            best.append(bestSoFar);
            key.append(row.key());
        }
        return Table.create("halving search history", step, run, rung, iterations, value, seconds, best, key);
    }
}
