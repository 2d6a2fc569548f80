package org.metalearn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Which OpenBLAS kernels this JVM runs, and checks on a requested kernel set ({@code --openblas-coretype}).
 *
 * <p>OpenBLAS (the build ND4J ships, 0.3.19 with every x86-64 kernel set compiled in) chooses its kernels once,
 * when the library is loaded: from {@code OPENBLAS_CORETYPE} if set, else from the CPU. So the choice has to be
 * made in the environment before the JVM starts; the {@code metalearn} launcher does that for
 * {@code bench --openblas-coretype NAME}, and this class only verifies and reports. The core name comes from
 * OpenBLAS itself ({@code openblas_get_corename}); the JavaCPP bindings do not declare that function, so it is
 * called through JNA (on the classpath through ND4J) on the very library JavaCPP loaded.
 */
final class OpenBlasKernels {
    private OpenBlasKernels() {
    }

    /** The kernel sets OpenBLAS 0.3.19 accepts in OPENBLAS_CORETYPE (it compares them ignoring case). */
    static final List<String> CORE_TYPES = List.of("Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom",
            "Core2", "Penryn", "Dunnington", "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano",
            "Sandybridge", "Bobcat", "Bulldozer", "Piledriver", "Haswell", "Steamroller", "Excavator", "Zen",
            "SkylakeX", "Cooperlake");

    /** CPU flags (as /proc/cpuinfo names them) a kernel set executes; sets not listed need none beyond SSE. */
    private static final Map<String, List<String>> NEEDS = Map.of(
            "sandybridge", List.of("avx"), "bulldozer", List.of("avx"), "piledriver", List.of("avx", "fma"),
            "steamroller", List.of("avx", "fma"), "excavator", List.of("avx", "avx2", "fma"),
            "haswell", List.of("avx", "avx2", "fma"), "zen", List.of("avx", "avx2", "fma"),
            "skylakex", List.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"),
            "cooperlake", List.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl", "avx512_bf16"));

    /**
     * Checks a requested kernel set before anything loads OpenBLAS: a known name, one this CPU can execute
     * ({@code cpuFlags} empty = unknown, not checked), and already in {@code OPENBLAS_CORETYPE} (only the
     * environment at JVM start can choose it). Returns the canonical spelling.
     */
    static String checkRequest(String requested, Map<String, String> env, Optional<String> cpuFlags) {
        String name = CORE_TYPES.stream().filter(c -> c.equalsIgnoreCase(requested)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--openblas-coretype: unknown OpenBLAS kernel set '"
                        + requested + "'; one of " + String.join(", ", CORE_TYPES)));
        if (cpuFlags.isPresent()) {
            String flags = " " + cpuFlags.get() + " ";
            List<String> missing = NEEDS.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                    .filter(f -> !flags.contains(" " + f + " ")).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("--openblas-coretype " + name + ": this CPU lacks "
                        + String.join(", ", missing) + ", so those kernels would crash; leave the option out to let OpenBLAS choose");
            }
        }
        String set = env.get("OPENBLAS_CORETYPE");
        if (set == null || !set.equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("--openblas-coretype " + name + " only takes effect through the "
                    + "launcher (./metalearn bench ... --openblas-coretype " + name + "), which sets OPENBLAS_CORETYPE "
                    + "before Java starts; this JVM has OPENBLAS_CORETYPE=" + (set == null ? "(unset)" : set));
        }
        return name;
    }

    /** The flags line of /proc/cpuinfo, if readable (Linux). */
    static Optional<String> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * One line on the kernels that run: OpenBLAS's own core name and build configuration, and the two
     * environment variables OpenBLAS reads for them. Loads OpenBLAS (through JavaCPP) if not yet loaded.
     */
    static String describe() {
        Map<String, String> env = System.getenv();
        String vars = String.format(Locale.ROOT, "OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s",
                env.getOrDefault("OPENBLAS_CORETYPE", "(unset)"), env.getOrDefault("OPENBLAS_L2_SIZE", "(unset)"));
        try {
            String loaded = Loader.load(openblas_nolapack.class);
            Optional<String> library = Loader.getLoadedLibraries().values().stream()
                    .filter(p -> p != null && Path.of(p).getFileName().toString().startsWith("libopenblas"))
                    .findFirst();
            if (library.isEmpty()) {
                return "OpenBLAS kernels: unknown (libopenblas not among JavaCPP's loaded libraries: " + loaded + "); "
                        + vars;
            }
            com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(library.get());
            String core = lib.getFunction("openblas_get_corename").invokeString(new Object[0], false);
            String config = lib.getFunction("openblas_get_config").invokeString(new Object[0], false);
            return "OpenBLAS kernels: " + core + " (" + config.trim() + "); " + vars;
        } catch (RuntimeException | LinkageError e) {
            return "OpenBLAS kernels: unknown (" + e + "); " + vars;
        }
    }
}
