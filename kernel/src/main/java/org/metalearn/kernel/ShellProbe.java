package org.metalearn.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Sends the kernel one signed kernel_info_request of our own and waits for the reply.
 *
 * <p>Why: the shell channel binds its socket and then registers it with a poller; a client request that lands
 * in between is queued by ZeroMQ but its wake-up is lost, and the shell loop then sleeps forever (measured: the
 * client's TCP connection established and drained, the kernel never logs the request; 3 of 10 starts). A new
 * peer connecting and sending re-signals the socket, so the queued requests are read too.
 */
final class ShellProbe {
    private ShellProbe() {
    }

    /** True if the kernel answered within {@code timeoutMillis}. */
    static boolean kernelAnswers(ConnectionProperties props, int timeoutMillis) {
        ZMQ.Context ctx = ZMQ.context(1);
        ZMQ.Socket socket = ctx.socket(SocketType.DEALER);
        try {
            socket.setLinger(0);
            socket.setReceiveTimeOut(timeoutMillis);
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
            byte[] reply = socket.recv();
            while (reply != null && socket.hasReceiveMore()) {
                socket.recv();
            }
            return reply != null;
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
