package org.metalearn.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The text form of a stored run result ({@code result.txt}): one {@code name=type:value} line per value, so a
 * result reads back with the same types; doubles are written with {@link Double#toString}, which reads back to
 * the same bits. The last two lines are the CRC32C of the run's curve file and of the result's own lines before
 * them, checked on every read (results written before the checksums have neither and are read as they are).
 */
final class RunResults {
    private static final List<String> METRICS = List.of("accuracy", "evalLoss", "ci95", "trainLoss", "iterations",
            "seconds");

    private static final String CURVE_CRC = "curveCrc32c";
    private static final String SELF_CRC = "crc32c";

    private RunResults() {
    }

    /** The result's text, ending with the checksums of {@code curve} (the curve file's bytes) and of itself. */
    static String text(SweepRow row, byte[] curve) {
        StringBuilder sb = new StringBuilder();
        row.settings().forEach((k, v) -> sb.append("setting.").append(k).append('=').append(typed(v)).append('\n'));
        sb.append("accuracy=").append(typed(row.accuracy())).append('\n');
        sb.append("evalLoss=").append(typed(row.evalLoss())).append('\n');
        sb.append("ci95=").append(typed(row.ci95())).append('\n');
        sb.append("trainLoss=").append(typed(row.trainLoss())).append('\n');
        sb.append("iterations=").append(typed(row.iterations())).append('\n');
        sb.append("seconds=").append(typed(row.seconds())).append('\n');
        sb.append(CURVE_CRC).append('=').append(typed(hex(crc(curve)))).append('\n');
        String lines = sb.toString();
        return lines + SELF_CRC + '=' + typed(hex(crc(lines.getBytes(StandardCharsets.UTF_8)))) + '\n';
    }

    static long crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }

    private static String hex(long crc) {
        return String.format("%08x", crc);
    }

    /**
     * The CRC32C that {@code file} (a result) records for the run's curve file, or null for a result written
     * before checksums; checks the result's own checksum first.
     */
    static String curveCrc(Path file) {
        return (String) checkedLines(file).get(CURVE_CRC);
    }

    /** Checks {@code curve}'s bytes against the checksum its run's result records (if it records one). */
    static void checkCurve(Path result, Path curve, byte[] bytes) {
        String recorded = curveCrc(result);
        if (recorded != null && !recorded.equals(hex(crc(bytes)))) {
            throw new IllegalStateException("run store: " + curve + " is damaged (CRC32C " + recorded + " recorded "
                    + "in " + result.getFileName() + ", " + hex(crc(bytes)) + " computed): it changed after the run "
                    + "finished. Delete the run's folder " + curve.getParent() + " to train it again.");
        }
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

    /** The result's values by name, in file order, after checking its own checksum when it has one. */
    private static Map<String, Object> checkedLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("run store: cannot read the result " + file + ": " + e.getMessage(), e);
        }
        int last = text.lastIndexOf(SELF_CRC + "=");
        if (last >= 0 && (last == 0 || text.charAt(last - 1) == '\n')) {
            String recorded = text.substring(last + SELF_CRC.length() + 1).strip();
            String computed = typed(hex(crc(text.substring(0, last).getBytes(StandardCharsets.UTF_8))));
            if (!recorded.equals(computed)) {
                throw new IllegalStateException("run store: " + file + " is damaged (CRC32C " + recorded
                        + " recorded, " + computed + " computed): it changed after the run finished. Delete the "
                        + "run's folder " + file.getParent() + " to train it again.");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq >= 0) {
                    values.put(line.substring(0, eq), parse(line.substring(eq + 1)));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("run store: cannot read the result " + file + ": " + e.getMessage(), e);
        }
        values.remove(SELF_CRC);
        return values;
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
        checkedLines(file).forEach((name, value) -> {
            if (name.startsWith("setting.")) {
                settings.put(name.substring(8), value);
            } else {
                metrics.put(name, value);
            }
        });
        if (!metrics.keySet().containsAll(METRICS)) {
            throw new IllegalStateException("run store: " + file + " lacks some of " + METRICS);
        }
        return new SweepRow(key, settings, (Double) metrics.get("accuracy"), (Double) metrics.get("evalLoss"),
                (Double) metrics.get("ci95"), (Double) metrics.get("trainLoss"), (Long) metrics.get("iterations"),
                (Double) metrics.get("seconds"));
    }
}
