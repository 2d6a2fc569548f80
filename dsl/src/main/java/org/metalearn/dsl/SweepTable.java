package org.metalearn.dsl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Sweep rows as one Tablesaw table: the varied settings first (numbers as numeric columns, so they can be
 * plotted), then accuracy (classification) and/or evalLoss (regression), ci95, trainLoss, iterations, seconds and
 * the run's key. A metric column no row measures is left out.
 */
final class SweepTable {
    private SweepTable() {
    }

    static Table of(String name, List<SweepRow> rows) {
        Set<String> settings = new LinkedHashSet<>();
        rows.forEach(r -> settings.addAll(r.settings().keySet()));
        Table t = Table.create(name);
        for (String s : settings) {
            t.addColumns(settingColumn(s, rows));
        }
        if (rows.stream().anyMatch(r -> !Double.isNaN(r.accuracy()))) {
            t.addColumns(doubles("accuracy", rows.stream().mapToDouble(SweepRow::accuracy).toArray()));
        }
        if (rows.stream().anyMatch(r -> !Double.isNaN(r.evalLoss()))) {
            t.addColumns(doubles("evalLoss", rows.stream().mapToDouble(SweepRow::evalLoss).toArray()));
        }
        t.addColumns(doubles("ci95", rows.stream().mapToDouble(SweepRow::ci95).toArray()),
                doubles("trainLoss", rows.stream().mapToDouble(SweepRow::trainLoss).toArray()),
                LongColumn.create("iterations", rows.stream().mapToLong(SweepRow::iterations).toArray()),
                doubles("seconds", rows.stream().mapToDouble(SweepRow::seconds).toArray()),
                StringColumn.create("key", rows.stream().map(SweepRow::key).toList()));
        return t;
    }

    private static DoubleColumn doubles(String name, double[] values) {
        DoubleColumn c = DoubleColumn.create(name);
        for (double v : values) {
            if (Double.isNaN(v)) {
                c.appendMissing();
            } else {
                c.append(v);
            }
        }
        return c;
    }

    /** Integers as an int column, longs as long, other numbers as double, anything else as text. */
    private static Column<?> settingColumn(String name, List<SweepRow> rows) {
        List<Object> values = new ArrayList<>();
        rows.forEach(r -> values.add(r.settings().get(name)));
        if (values.stream().allMatch(v -> v instanceof Integer)) {
            IntColumn c = IntColumn.create(name);
            values.forEach(v -> c.append((Integer) v));
            return c;
        }
        if (values.stream().allMatch(v -> v instanceof Long)) {
            LongColumn c = LongColumn.create(name);
            values.forEach(v -> c.append((Long) v));
            return c;
        }
        if (values.stream().allMatch(v -> v instanceof Number)) {
            DoubleColumn c = DoubleColumn.create(name);
            values.forEach(v -> c.append(((Number) v).doubleValue()));
            return c;
        }
        StringColumn c = StringColumn.create(name);
        values.forEach(v -> c.append(v == null ? "" : v.toString()));
        return c;
    }
}
