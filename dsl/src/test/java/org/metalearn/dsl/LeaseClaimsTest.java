package org.metalearn.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalearn.util.AtomicFiles;

/**
 * Run claims in one process: a live heartbeat keeps a run claimed past the timeout; a silent lease of another host
 * is taken over only once the timeout has passed by the waiter's clock; a lease of a process of this host that has
 * ended is taken over at once; a claimant whose lease was taken over learns it at its next heartbeat.
 */
class LeaseClaimsTest {
    private static final long TIMEOUT = 300_000_000L; // 0.3 s

    @Test
    void aHeartbeatHoldsTheClaimAndReleasingItFreesTheRun(@TempDir Path run) throws Exception {
        LeaseClaims here = LeaseClaims.of(TIMEOUT, "h1");
        LeaseClaims other = LeaseClaims.of(TIMEOUT, "h2");
        RunLease held = here.tryClaim(run).orElseThrow();
        Map<String, String> fields = RunLease.parse(Files.readString(run.resolve(RunLease.FILE)));
        assertEquals("h1", fields.get("host"));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), fields.get("pid"));
        long until = System.nanoTime() + 3 * TIMEOUT;
        while (System.nanoTime() < until) {
            assertTrue(other.tryClaim(run).isEmpty(), "claimed while the heartbeat moves");
            Thread.sleep(20);
        }
        String beats = RunLease.parse(Files.readString(run.resolve(RunLease.FILE))).get("heartbeat");
        assertTrue(Long.parseLong(beats) > 0, "the heartbeat moved: " + beats);
        assertNull(held.lostTo());
        held.close();
        assertFalse(Files.exists(run.resolve(RunLease.FILE)), "released");
        other.tryClaim(run).orElseThrow().close();
    }

    @Test
    void aSilentLeaseOfAnotherHostIsTakenOverAfterTheTimeout(@TempDir Path run) throws Exception {
        Map<String, String> dead = RunLease.newFields("far-host");
        AtomicFiles.writeString(run.resolve(RunLease.FILE), RunLease.text(dead));
        LeaseClaims claims = LeaseClaims.of(TIMEOUT, "near-host");
        long first = System.nanoTime();
        Optional<RunLease> claim = claims.tryClaim(run);
        while (claim.isEmpty()) {
            Thread.sleep(10);
            claim = claims.tryClaim(run);
        }
        long waited = System.nanoTime() - first;
        assertTrue(waited >= TIMEOUT, "taken over after " + waited / 1e6 + " ms");
        assertEquals("near-host", RunLease.parse(Files.readString(run.resolve(RunLease.FILE))).get("host"));
        claim.get().close();
        assertFalse(Files.exists(run.resolve("lease.txt.break")), "no break lock left");
    }

    @Test
    void aLeaseOfAnEndedProcessOfThisHostIsTakenOverAtOnce(@TempDir Path run) throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(run.resolve("out.txt").toFile()).start();
        assertEquals(0, ended.waitFor());
        Map<String, String> fields = RunLease.newFields("this-host");
        fields.put("pid", String.valueOf(ended.pid()));
        AtomicFiles.writeString(run.resolve(RunLease.FILE), RunLease.text(fields));
        LeaseClaims claims = LeaseClaims.of(60_000_000_000L, "this-host");
        RunLease lease = claims.tryClaim(run).orElseThrow(() -> new AssertionError("not taken over at once"));
        lease.close();
        // the same lease seen from another host name waits for the (here one minute) timeout
        AtomicFiles.writeString(run.resolve(RunLease.FILE), RunLease.text(fields));
        assertTrue(LeaseClaims.of(60_000_000_000L, "another-host").tryClaim(run).isEmpty());
    }

    @Test
    void aClaimantWhoseLeaseWasTakenOverLearnsIt(@TempDir Path run) throws Exception {
        RunLease held = LeaseClaims.of(TIMEOUT, "h1").tryClaim(run).orElseThrow();
        Map<String, String> thief = RunLease.newFields("h2");
        // atomically, as another claimant writes it: a plain write can be read half-done by the holder's heartbeat
        AtomicFiles.writeString(run.resolve(RunLease.FILE), RunLease.text(thief));
        long until = System.nanoTime() + 10 * TIMEOUT;
        while (held.lostTo() == null && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertNotNull(held.lostTo());
        assertTrue(held.lostTo().contains("host h2"), held.lostTo());
        held.close();
        assertEquals(RunLease.text(thief), Files.readString(run.resolve(RunLease.FILE)), "the other's lease stays");
    }

    @Test
    void aBadTimeoutIsOneClearError() {
        System.setProperty(LeaseClaims.TIMEOUT_PROPERTY, "soon");
        try {
            assertEquals("metalearn.leaseSeconds must be a number of seconds in [0.2, 86400], got 'soon'",
                    assertThrows(IllegalArgumentException.class, LeaseClaims::fromSystemProperties).getMessage());
        } finally {
            System.clearProperty(LeaseClaims.TIMEOUT_PROPERTY);
        }
    }
}
