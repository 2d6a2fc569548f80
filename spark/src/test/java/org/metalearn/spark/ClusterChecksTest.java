package org.metalearn.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** The driver-side checks' pure parts; the cluster ones run in spark-app's StandaloneClusterIT. */
class ClusterChecksTest {
    @Test
    void acceptsSpark35AndSpark4Only() {
        for (String ok : new String[] {"3.5.0", "3.5.3", "4.0.1", "4.1.0-preview1"}) {
            assertDoesNotThrow(() -> ClusterChecks.sparkVersion(ok), ok);
        }
        for (String bad : new String[] {"3.4.1", "3.3.0", "2.4.8", "5.0.0", "x", "", null}) {
            var e = assertThrows(IllegalStateException.class, () -> ClusterChecks.sparkVersion(bad), bad);
            assertEquals("spark sweep: the cluster runs Spark " + bad + "; the metalearn application jar runs on "
                    + ClusterChecks.SUPPORTED, e.getMessage());
        }
    }

    @Test
    void aShippedJarIsKnownByItsFileName() {
        assertEquals("a.jar", ClusterChecks.fileName("spark://10.0.0.1:4040/jars/a.jar"));
        assertEquals("a.jar", ClusterChecks.fileName("file:/x/y/a.jar"));
        assertEquals("a.jar", ClusterChecks.fileName("/x/a.jar"));
    }

    @Test
    void aFailedRunIsReportedByItsOwnLineNotSparksReport() {
        var e = new SparkException("Job aborted due to stage failure: Task 1 in stage 0.0 failed 4 times, most "
                + "recent failure: Lost task 1.3 in stage 0.0 (TID 7) (127.0.0.1 executor 0): "
                + "java.lang.IllegalStateException: spark sweep run 1 {innerSteps=3} (executor 0 on host n1, "
                + "attempt 3): org.metalearn.data.DatasetException: Omniglot is not in /data\n"
                + "\tat org.metalearn.spark.SweepTask.call(SweepTask.java:40)\n");
        assertEquals("spark sweep run 1 {innerSteps=3} (executor 0 on host n1, attempt 3): "
                + "org.metalearn.data.DatasetException: Omniglot is not in /data", SweepMain.message(e));
        var plain = new IllegalArgumentException("spark sweep: no class X on the classpath\nsecond line");
        assertTrue(SweepMain.message(plain).startsWith("spark sweep: no class X"));
        assertEquals("spark sweep: no class X on the classpath", SweepMain.message(plain));
    }
}
