package org.metalearn.kernel;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.SourceCodeAnalysis;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectReply;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectRequest;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 without its start-up race. Its {@code Channels.connect()} binds the
 * sockets and starts their threads before it creates the message-handler map, so a kernel_info_request that
 * arrives in that gap kills the shell thread ("this.handlers is null") and about one start in four fails.
 * This launcher does the same steps in a safe order: register the kernel, install every handler, and only
 * then bind the sockets (fixed order, shell last). It then checks the shell channel answers a request of its
 * own ({@link ShellProbe}) and rebuilds the channels if it does not (measured: 2 of 20 starts needed one
 * rebuild; 20/20 starts answered). The control socket is served by {@link ControlLoop} (Stop button: the cell
 * ends within 2 s, see {@link CellInterrupter}), and a few shell replies are ours ({@link #handlers}).
 * Usage: {@code KernelLauncher <connection-file>}.
 */
public final class KernelLauncher {
    private KernelLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher <connection-file>");
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("connection file not found: " + file);
        }
        ConnectionProperties props = Transform.fromJson(Files.readString(file), ConnectionProperties.class);
        RapaioKernel kernel = MainApp.kernel;
        Channels channels = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            channels = connect(kernel, props);
            // Check the shell really receives: measured here, in about 1 start in 8 its socket stays deaf
            // (connections established, requests never delivered) whatever the bind order; fresh channels on the
            // same ports fix it, and clients' ZeroMQ sockets reconnect by themselves.
            if (ShellProbe.kernelAnswers(props, 3_000)) {
                break;
            }
            System.err.println("[metalearn launcher] shell channel deaf (attempt " + attempt + "), rebinding");
            channels.close();
            if (attempt == MAX_ATTEMPTS) {
                System.err.println("[metalearn launcher] the kernel's shell channel does not answer; exiting");
                System.exit(1);
            }
            Thread.sleep(200);
        }
        channels.joinUntilClose();
        System.exit(0);
    }

    static final int MAX_ATTEMPTS = 5;

    /** Channels bound in a safe order: kernel registered and handlers installed before any socket opens. */
    static Channels connect(RapaioKernel kernel, ConnectionProperties props) throws Exception {
        Channels channels = new Channels(props);
        kernel.registerChannels(channels);
        setField(channels, "handlers", handlers(kernel));
        for (String name : BIND_ORDER) {
            if (name.equals("control")) {
                ControlLoop.bind(channels, kernel, props); // rapaio's control loop mishandles interrupts
            } else {
                channel(channels, name).bind(props);
            }
        }
        setField(channels, "isConnected", true);
        return channels;
    }

    /**
     * The kernel's own message-to-method table, except where rapaio 3.0.1 answers wrongly: kernel_info (no status),
     * history (never answered), inspect (DSL Javadoc, {@link DslDocs}); execute requests are also logged for history.
     * Control requests are answered by {@link ControlLoop}, not through this table.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Map<MessageType<?>, MessageHandler> handlers(RapaioKernel k) {
        Map<MessageType<?>, MessageHandler> h = new HashMap<>();
        KernelReplies.InputLog inputs = new KernelReplies.InputLog();
        DslDocs docs = new DslDocs();
        h.put(MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler) m -> {
            ShellExecuteRequest request = (ShellExecuteRequest) m.content();
            if (request.storeHistory() && !request.silent()) {
                inputs.add(request.code());
            }
            k.handleExecuteRequest(m);
        });
        h.put(MessageType.SHELL_INSPECT_REQUEST, (MessageHandler) m -> inspect(k, docs, m));
        h.put(MessageType.SHELL_COMPLETE_REQUEST, (MessageHandler) m -> k.handleCompleteRequest(m));
        h.put(MessageType.SHELL_HISTORY_REQUEST, (MessageHandler) m -> {
            k.channels().busyThenIdle();
            k.channels().reply(inputs.answer((ShellHistoryRequest) m.content()));
        });
        h.put(MessageType.SHELL_IS_COMPLETE_REQUEST, (MessageHandler) m -> k.handleIsCompleteRequest(m));
        h.put(MessageType.SHELL_KERNEL_INFO_REQUEST, (MessageHandler) m -> {
            k.channels().busyThenIdle();
            k.channels().reply(KernelReplies.kernelInfo());
        });
        h.put(MessageType.CUSTOM_COMM_OPEN, (MessageHandler) m -> k.handleCommOpenCommand(m));
        h.put(MessageType.CUSTOM_COMM_MSG, (MessageHandler) m -> k.handleCommMsgCommand(m));
        h.put(MessageType.CUSTOM_COMM_CLOSE, (MessageHandler) m -> k.handleCommCloseCommand(m));
        h.put(MessageType.SHELL_COMM_INFO_REQUEST, (MessageHandler) m -> k.handleCommInfoRequest(m));
        return h;
    }

    /** DSL Javadoc if the cursor is on a DSL method or class, else rapaio's own answer (JDK documentation). */
    private static void inspect(RapaioKernel k, DslDocs docs, Message<ShellInspectRequest> m) {
        ShellInspectRequest request = m.content();
        SourceCodeAnalysis analysis = k.javaEngine().getSourceAnalysis();
        Optional<DisplayData> found;
        try {
            found = docs.inspect(request.code(), request.cursorPos(), expr -> analysis.analyzeType(expr, expr.length()));
        } catch (RuntimeException e) {
            found = Optional.empty(); // never lose the reply: fall back to rapaio's lookup
        }
        if (found.isEmpty()) {
            k.handleInspectRequest(m);
            return;
        }
        k.channels().busyThenIdle();
        k.channels().reply(new ShellInspectReply(true, found.get()));
    }

    /** Channels' field names, in the order their sockets are bound: the shell, which receives requests, last. */
    static final List<String> BIND_ORDER = List.of("heartbeat", "iopub", "stdin", "control", "shell");

    private static AbstractChannel channel(Channels channels, String name) throws ReflectiveOperationException {
        Field f = Channels.class.getDeclaredField(name);
        f.setAccessible(true);
        return (AbstractChannel) f.get(channels);
    }

    private static void setField(Channels channels, String name, Object value) throws ReflectiveOperationException {
        Field f = Channels.class.getDeclaredField(name);
        f.setAccessible(true);
        f.set(channels, value);
    }
}
