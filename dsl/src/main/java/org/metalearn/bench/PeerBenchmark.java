package org.metalearn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the PyTorch peer script (../shared/peers/torch_reptile_bench.py) and reads its RESULT lines. */
public final class PeerBenchmark {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT (.+?)\\s+n=(\\d+) median=([0-9.]+) ms min=([0-9.]+) p10=[0-9.]+ p90=[0-9.]+ max=([0-9.]+)");

    private PeerBenchmark() {
    }

    /** The peer script, looked up beside the repository, or empty if absent. */
    public static Optional<Path> script() {
        String configured = System.getProperty("metalearn.peer", System.getenv("METALEARN_PEER"));
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("../shared/peers/torch_reptile_bench.py"), Path.of("../../shared/peers/torch_reptile_bench.py"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    /** Peer timings by name, or empty with the reason printed if PyTorch or the script is missing. */
    public static Map<String, Timing> run(String mode, int threads, int n) {
        Map<String, Timing> results = new LinkedHashMap<>();
        Optional<Path> script = script();
        if (script.isEmpty()) {
            System.out.println("peer: torch_reptile_bench.py not found (set METALEARN_PEER); skipping PyTorch");
            return results;
        }
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        try {
            Process p = new ProcessBuilder(python, script.get().toString(), String.valueOf(threads), mode,
                    String.valueOf(n)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.out.println("peer: PyTorch run failed (install with apt-get install -y python3-torch):\n"
                        + out.lines().limit(5).reduce("", (a, b) -> a + "  " + b + "\n"));
                return results;
            }
            out.lines().filter(l -> l.startsWith("torch ")).findFirst().ifPresent(l -> System.out.println("peer: " + l));
            Matcher m = RESULT.matcher(out);
            while (m.find()) {
                String name = m.group(1).trim();
                results.put(name, new Timing("torch " + name, Integer.parseInt(m.group(2)),
                        Double.parseDouble(m.group(4)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(5))));
            }
        } catch (IOException e) {
            System.out.println("peer: could not start " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return results;
    }
}
