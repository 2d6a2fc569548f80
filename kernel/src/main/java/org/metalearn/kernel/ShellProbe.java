package org.metalearn.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Sends the kernel one signed kernel_info_request of our own and waits until the shell shows it hears: the reply
 * arrives, or the shell received some message (ours or a client's; a shell busy running a client's cell answers
 * the probe only when the cell ends, so the reply alone would take a busy shell for a deaf one).
 *
 * <p>Why: a kernel whose shell does not hear (measured: its loop thread had ended at birth, see {@link LoopThreads})
 * keeps its sockets open and its heartbeat alive, so clients wait for it forever; the launcher rebuilds its channels
 * when this check fails.
 */
final class ShellProbe {
    private static final int POLL_MILLIS = 50;
    /** One probe's wait: a shell that hears answers a kernel_info_request within milliseconds. */
    static final int ATTEMPT_MILLIS = 1_000;

    private ShellProbe() {
    }

    /**
     * True if, within {@code timeoutMillis}, a probe is answered or {@code heard} turns true. Each attempt uses a
     * fresh ZeroMQ context and socket and lasts at most {@link #ATTEMPT_MILLIS}: measured here, a jeromq socket that
     * connects and sends at once loses that message (and everything after it on the same socket) in 1-3 % of
     * connections (5 of 150, 2 of 150; pyzmq clients, as Jupyter's, lost 0 of 150 to the same kernel socket), so a
     * single probe took a healthy shell for a deaf one and the launcher rebound its channels under connected clients.
     */
    static boolean kernelHears(ConnectionProperties props, int timeoutMillis, BooleanSupplier heard) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long attemptEnd = Math.min(deadline, System.nanoTime() + ATTEMPT_MILLIS * 1_000_000L);
            if (probeOnce(props, attemptEnd, heard)) {
                return true;
            }
        }
        return heard.getAsBoolean();
    }

    /** One probe on a fresh socket, waiting until {@code attemptEnd} (a {@link System#nanoTime()} instant). */
    private static boolean probeOnce(ConnectionProperties props, long attemptEnd, BooleanSupplier heard) {
        ZMQ.Context ctx = ZMQ.context(1);
        ZMQ.Socket socket = ctx.socket(SocketType.DEALER);
        try {
            socket.setLinger(0);
            socket.setReceiveTimeOut(POLL_MILLIS);
            socket.connect(props.transport() + "://" + props.ip() + ":" + props.shellPort());
            String session = UUID.randomUUID().toString();
            String header = "{\"msg_id\":\"" + UUID.randomUUID() + "\",\"username\":\"metalearn-launcher\",\"session\":\""
                    + session + "\",\"date\":\"" + Instant.now() + "\",\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}";
            String[] parts = {header, "{}", "{}", "{}"};
            socket.sendMore("<IDS|MSG>");
            socket.sendMore(sign(props, parts));
            for (int i = 0; i < parts.length; i++) {
                if (i < parts.length - 1) {
                    socket.sendMore(parts[i]);
                } else {
                    socket.send(parts[i]);
                }
            }
            while (System.nanoTime() < attemptEnd) {
                if (socket.recv() != null || heard.getAsBoolean()) {
                    return true;
                }
            }
            return heard.getAsBoolean();
        } finally {
            socket.close();
            ctx.close();
        }
    }

    private static String sign(ConnectionProperties props, String[] parts) {
        if (props.key() == null || props.key().isEmpty()) {
            return "";
        }
        try {
            String algorithm = props.signatureScheme().replace("-", "").toLowerCase(); // "hmac-sha256" -> "hmacsha256"
            Mac mac = Mac.getInstance(algorithm.equals("hmacsha256") ? "HmacSHA256" : algorithm);
            mac.init(new SecretKeySpec(props.key().getBytes(StandardCharsets.US_ASCII), mac.getAlgorithm()));
            for (String p : parts) {
                mac.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + props.signatureScheme(), e);
        }
    }
}
