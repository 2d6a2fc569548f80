package org.metalearn.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.metalearn.util.CommandLine.UsageException;

/**
 * Runs the project's PyTorch peer script ({@code bench/torch_peer.py} in the repository) and reads its RESULT lines.
 * The script is found through {@code -Dmetalearn.peer} or {@code METALEARN_PEER} if set, else in the {@code bench/}
 * folder of the repository that holds the working directory or this code (a build under {@code dsl/target}).
 */
public final class PeerBenchmark {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT (.+?)\\s+n=(\\d+) median=([0-9.]+) ms min=([0-9.]+) p10=[0-9.]+ p90=[0-9.]+ max=([0-9.]+)");

    /** The script's place in the repository. */
    static final Path SCRIPT = Path.of("bench", "torch_peer.py");

    private PeerBenchmark() {
    }

    /** The peer script: the configured path if set (empty if it is not a file), else the repository's, if found. */
    public static Optional<Path> script() {
        String configured = System.getProperty("metalearn.peer", System.getenv("METALEARN_PEER"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var source = PeerBenchmark.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code location: the working directory alone decides
        }
        return find(starts);
    }

    /** The first {@code bench/torch_peer.py} in any of {@code starts} or their parent folders. */
    static Optional<Path> find(List<Path> starts) {
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(SCRIPT);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate.normalize());
                }
            }
        }
        return Optional.empty();
    }

    /** The OpenMP spin settings our JVM started with, and the peer's, for the record. */
    static String describeOpenMp(Map<String, String> env) {
        boolean ours = env.containsKey("METALEARN_GOMP_SPINCOUNT_SET");
        return "OpenMP: GOMP_SPINCOUNT=" + env.getOrDefault("GOMP_SPINCOUNT", "(unset)") + " OMP_WAIT_POLICY="
                + env.getOrDefault("OMP_WAIT_POLICY", "(unset)")
                + (ours ? " (set by the launcher, kernel-setup/openmp-env.sh; the PyTorch peer runs without it)" : "");
    }

    /**
     * {@code builder} with the environment PyTorch users would have: without the GOMP_SPINCOUNT our launcher set for
     * our own JVM ({@code kernel-setup/openmp-env.sh} marks it with METALEARN_GOMP_SPINCOUNT_SET), so the peer's
     * OpenMP spins as libgomp does by default. A GOMP_SPINCOUNT the user set stays.
     */
    static ProcessBuilder peerProcess(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        if (env.remove("METALEARN_GOMP_SPINCOUNT_SET") != null) {
            env.remove("GOMP_SPINCOUNT");
        }
        return builder;
    }
    /**
     * The Python that runs the peer: {@code -Dmetalearn.peer.python} or {@code METALEARN_PEER_PYTHON} if set (e.g. a
     * venv with the PyTorch you use), else Debian's, where {@code python3-torch} installs, if present.
     */
    static String python() {
        return python(System.getProperty("metalearn.peer.python", System.getenv("METALEARN_PEER_PYTHON")));
    }

    static String python(String configured) {
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new UsageException("METALEARN_PEER_PYTHON must name an executable Python, got '"
                        + configured + "'");
            }
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** The timings in the script's RESULT lines, by operation name. */
    static Map<String, Timing> parse(String out) {
        Map<String, Timing> results = new LinkedHashMap<>();
        Matcher m = RESULT.matcher(out);
        while (m.find()) {
            String name = m.group(1).trim();
            results.put(name, new Timing("torch " + name, Integer.parseInt(m.group(2)),
                    Double.parseDouble(m.group(4)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(5))));
        }
        return results;
    }

    /** Peer timings by name, or empty with the reason printed if PyTorch or the script is missing. */
    public static Map<String, Timing> run(String mode, int threads, int n) {
        Map<String, Timing> results = new LinkedHashMap<>();
        Optional<Path> script = script();
        if (script.isEmpty()) {
            System.out.println("peer: " + SCRIPT + " not found (run from the repository or set METALEARN_PEER to the "
                    + "script); skipping PyTorch");
            return results;
        }
        String python = python();
        try {
            Process p = peerProcess(new ProcessBuilder(python, script.get().toString(), String.valueOf(threads), mode,
                    String.valueOf(n))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.out.println("peer: PyTorch run failed (install with apt-get install -y python3-torch):\n"
                        + out.lines().limit(5).reduce("", (a, b) -> a + "  " + b + "\n"));
                return results;
            }
            System.out.println("peer: " + script.get() + " run by " + python);
            out.lines().filter(l -> l.startsWith("torch ")).findFirst().ifPresent(l -> System.out.println("peer: " + l));
            results.putAll(parse(out));
        } catch (IOException e) {
            System.out.println("peer: could not start " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return results;
    }
}
