package org.metalearn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/** Loop threads that run: started with their flag set, and a loop that ended at birth replaced by a working one. */
class LoopThreadsTest {

    @Test
    void aLoopStartedHereRunsItsBodyAgainAndAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        LoopThread loop = new LoopThread("test-loop", 5, runs::incrementAndGet);
        LoopThreads.start(loop);
        long until = System.currentTimeMillis() + 5_000;
        while (runs.get() < 3 && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        loop.shutdown();
        loop.join(2_000);
        assertTrue(runs.get() >= 3, "body ran " + runs.get() + " times");
    }

    @Test
    void aHeartbeatWhoseLoopEndedAtBirthAnswersAfterKeepAlive() throws Exception {
        ConnectionProperties props = props();
        Channels channels = new Channels(props);
        try {
            AbstractChannel heartbeat = channel(channels, "heartbeat");
            heartbeat.bind(props);
            LoopThreads.keepAlive(heartbeat); // rapaio's own start may or may not have left a running loop
            // what rapaio's race leaves behind: the channel's loop thread has ended
            LoopThread dead = loop(heartbeat);
            dead.shutdown();
            dead.join(5_000);
            assertTrue(LoopThreads.keepAlive(heartbeat), "the ended loop was not replaced");
            assertNotSame(dead, loop(heartbeat));
            assertFalse(LoopThreads.keepAlive(heartbeat), "a running loop was replaced");
            assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), ping(props), "heartbeat did not echo");
        } finally {
            channels.close();
        }
    }

    /**
     * Echo of one ping, trying up to three fresh REQ sockets as Jupyter's heartbeat client does: measured here, the
     * first ping to a just-bound rapaio heartbeat goes unanswered about 1 time in 10 even when its loop was never
     * touched (3 of 25), and the next one is answered. A loop that does not run answers none of them.
     */
    private static byte[] ping(ConnectionProperties props) {
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] echo = pingOnce(props);
            if (echo != null) {
                return echo;
            }
        }
        return null;
    }

    private static byte[] pingOnce(ConnectionProperties props) {
        ZMQ.Context ctx = ZMQ.context(1);
        ZMQ.Socket req = ctx.socket(SocketType.REQ);
        try {
            req.setLinger(0);
            req.setReceiveTimeOut(3_000);
            req.connect(props.formatAddress(props.hbPort()));
            req.send("ping");
            return req.recv();
        } finally {
            req.close();
            ctx.close();
        }
    }

    private static LoopThread loop(AbstractChannel channel) throws ReflectiveOperationException {
        Field f = channel.getClass().getDeclaredField("loopThread");
        f.setAccessible(true);
        return (LoopThread) f.get(channel);
    }

    private static AbstractChannel channel(Channels channels, String name) throws ReflectiveOperationException {
        Field f = Channels.class.getDeclaredField(name);
        f.setAccessible(true);
        return (AbstractChannel) f.get(channels);
    }

    private static ConnectionProperties props() throws IOException {
        return Transform.fromJson("{\"control_port\":" + freePort() + ",\"shell_port\":" + freePort()
                + ",\"transport\":\"tcp\",\"signature_scheme\":\"hmac-sha256\",\"stdin_port\":" + freePort()
                + ",\"hb_port\":" + freePort() + ",\"ip\":\"127.0.0.1\",\"iopub_port\":" + freePort()
                + ",\"key\":\"secret\"}", ConnectionProperties.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
