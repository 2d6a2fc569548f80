package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/** The launcher's deaf-shell check: a shell that is busy (received a request, not answering yet) is not deaf. */
class ShellProbeTest {
    private ZMQ.Context ctx;
    private ZMQ.Socket shell;
    private ConnectionProperties props;

    @BeforeEach
    void bindShell() {
        ctx = ZMQ.context(1);
        shell = ctx.socket(SocketType.ROUTER);
        int port = shell.bindToRandomPort("tcp://127.0.0.1");
        props = Transform.fromJson("{\"control_port\":1,\"shell_port\":" + port + ",\"transport\":\"tcp\","
                + "\"signature_scheme\":\"hmac-sha256\",\"stdin_port\":2,\"hb_port\":3,\"ip\":\"127.0.0.1\","
                + "\"iopub_port\":4,\"key\":\"secret\"}", ConnectionProperties.class);
    }

    @AfterEach
    void close() {
        shell.close();
        ctx.close();
    }

    @Test
    void aShellThatHearsNothingIsDeafAfterTheTimeout() {
        long start = System.nanoTime();
        assertFalse(ShellProbe.kernelHears(props, 600, () -> false));
        assertTrue(System.nanoTime() - start >= 600_000_000L, "gave up before its timeout");
    }

    @Test
    void aBusyShellThatReceivedAClientRequestIsNotDeaf() throws InterruptedException {
        AtomicBoolean heard = new AtomicBoolean();
        Thread client = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            heard.set(true); // what the launcher's handler wrapper does when any request arrives
        });
        client.start();
        long start = System.nanoTime();
        assertTrue(ShellProbe.kernelHears(props, 5_000, heard::get));
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "waited for the timeout although the shell heard");
        client.join();
    }

    /** Repeated: a single probe was lost in 1-3 % of connections (a jeromq client sending right after connecting). */
    @RepeatedTest(40)
    void aShellThatAnswersTheProbeHears() throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        shell.setReceiveTimeOut(50);
        Thread answering = new Thread(() -> {
            while (!stop.get()) { // every probe that arrives is answered
                byte[] identity = shell.recv();
                if (identity == null) {
                    continue;
                }
                while (shell.hasReceiveMore()) {
                    shell.recv();
                }
                shell.sendMore(identity);
                shell.send("reply");
            }
        });
        answering.start();
        try {
            assertTrue(ShellProbe.kernelHears(props, 5_000, () -> false));
        } finally {
            stop.set(true);
            answering.join(); // the socket is closed after the test by this thread's owner, never under its recv
        }
    }
}
