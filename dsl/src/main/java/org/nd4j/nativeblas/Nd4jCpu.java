package org.nd4j.nativeblas;

/**
 * Compatibility shim, not part of ND4J. DL4J 1.0.0-M2.1's oneDNN layer helpers check
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but ND4J M2.1
 * moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the
 * method {@code isUseONEDNN}; the lookup fails and the helpers are silently skipped (3-4x slower convolutions).
 * This class answers the old lookup with the native library's real setting. See
 * {@link org.metalearn.models.dl4j.Dl4jOneDnnHelpers}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The old name DL4J looks up; delegates to M2.1's native environment. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
