package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of a stored run result ({@code result.txt}): one {@code name=type:value} line per value, so a
 * result reads back with the same types; doubles are written with {@link Double#toString}, which reads back to
 * the same bits.
 */
final class RunResults {
    private static final List<String> METRICS = List.of("accuracy", "evalLoss", "ci95", "trainLoss", "iterations",
            "seconds");

    private RunResults() {
    }

    static String text(SweepRow row) {
        StringBuilder sb = new StringBuilder();
        row.settings().forEach((k, v) -> sb.append("setting.").append(k).append('=').append(typed(v)).append('\n'));
        sb.append("accuracy=").append(typed(row.accuracy())).append('\n');
        sb.append("evalLoss=").append(typed(row.evalLoss())).append('\n');
        sb.append("ci95=").append(typed(row.ci95())).append('\n');
        sb.append("trainLoss=").append(typed(row.trainLoss())).append('\n');
        sb.append("iterations=").append(typed(row.iterations())).append('\n');
        sb.append("seconds=").append(typed(row.seconds())).append('\n');
        return sb.toString();
    }

    private static String typed(Object v) {
        if (v instanceof Integer i) {
            return "int:" + i;
        }
        if (v instanceof Long l) {
            return "long:" + l;
        }
        if (v instanceof Double d) {
            return "double:" + d;
        }
        return "text:" + v;
    }

    private static Object parse(String typed) {
        int colon = typed.indexOf(':');
        String type = typed.substring(0, colon);
        String value = typed.substring(colon + 1);
        return switch (type) {
            case "int" -> Integer.valueOf(value);
            case "long" -> Long.valueOf(value);
            case "double" -> Double.valueOf(value);
            default -> value;
        };
    }

    static SweepRow read(Path file, String key) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> metrics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = line.substring(0, eq);
                Object value = parse(line.substring(eq + 1));
                if (name.startsWith("setting.")) {
                    settings.put(name.substring(8), value);
                } else {
                    metrics.put(name, value);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("run store: cannot read the result " + file + ": " + e.getMessage(), e);
        }
        if (!metrics.keySet().containsAll(METRICS)) {
            throw new IllegalStateException("run store: " + file + " lacks some of " + METRICS);
        }
        return new SweepRow(key, settings, (Double) metrics.get("accuracy"), (Double) metrics.get("evalLoss"),
                (Double) metrics.get("ci95"), (Double) metrics.get("trainLoss"), (Long) metrics.get("iterations"),
                (Double) metrics.get("seconds"));
    }
}
