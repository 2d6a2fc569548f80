package org.metalearn.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.SourceCodeAnalysis;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.CompleteMatches;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteReply;
import org.rapaio.jupyter.kernel.message.messages.ShellCompleteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellExecuteRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellHistoryRequest;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectReply;
import org.rapaio.jupyter.kernel.message.messages.ShellInspectRequest;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 in a safe order: register the kernel, install every handler, then bind the
 * sockets (shell last) with loops that really run ({@link LoopThreads}), and check that the shell hears
 * ({@link ShellProbe}), rebuilding the channels if it does not. Why: the stock start-up can leave a kernel that never
 * answers; the failures and how each was found are in docs/design/kernel-launcher.md. The control socket is served by
 * {@link ControlLoop} (Stop, see {@link CellInterrupter}), and a few shell replies are ours ({@link #handlers}).
 * A shell or control message with a wrong or missing signature is dropped; rapaio's loop would end at it
 * ({@link LoopThreads#dropForgedMessages}).
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
            AtomicBoolean heard = new AtomicBoolean();
            channels = connect(kernel, props, heard);
            // unless the shell hears: fresh channels on the same ports, to which clients' ZeroMQ sockets
            // reconnect by themselves
            if (ShellProbe.kernelHears(props, 3_000, heard::get)) {
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
    static Channels connect(RapaioKernel kernel, ConnectionProperties props, AtomicBoolean heard) throws Exception {
        Channels channels = new Channels(props);
        kernel.registerChannels(channels);
        ShellCells cells = new ShellCells();
        RapaioFields.set(Channels.class, channels, "handlers", heard(handlers(kernel, cells), heard));
        for (String name : BIND_ORDER) {
            if (name.equals("control")) {
                ControlLoop.bind(channels, kernel, cells, props); // rapaio's control loop mishandles interrupts
            } else {
                AbstractChannel channel = (AbstractChannel) RapaioFields.get(Channels.class, channels, name);
                channel.bind(props);
                if (name.equals("shell")) {
                    LoopThreads.dropForgedMessages(channel); // also replaces a loop that ended at birth
                } else if (LOOPED.contains(name)) {
                    LoopThreads.keepAlive(channel);
                }
            }
        }
        RapaioFields.set(Channels.class, channels, "isConnected", true);
        return channels;
    }

    /**
     * The kernel's own message-to-method table, except where rapaio 3.0.1 answers wrongly: kernel_info (no status),
     * history (never answered), inspect (DSL Javadoc, {@link DslDocs}), complete (the DSL's steps without Object's
     * methods, {@link DslCompletions}); execute requests are also logged for history.
     * Control requests are answered by {@link ControlLoop}, not through this table.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Map<MessageType<?>, MessageHandler> handlers(RapaioKernel k, ShellCells cells) {
        Map<MessageType<?>, MessageHandler> h = new HashMap<>();
        KernelReplies.InputLog inputs = new KernelReplies.InputLog();
        DslDocs docs = new DslDocs();
        h.put(MessageType.SHELL_EXECUTE_REQUEST, (MessageHandler) m -> {
            ShellExecuteRequest request = (ShellExecuteRequest) m.content();
            if (request.storeHistory() && !request.silent()) {
                inputs.add(request.code());
            }
            cells.started();
            try {
                k.handleExecuteRequest(m);
            } finally {
                cells.ended();
            }
        });
        h.put(MessageType.SHELL_INSPECT_REQUEST, (MessageHandler) m -> inspect(k, docs, m));
        h.put(MessageType.SHELL_COMPLETE_REQUEST, (MessageHandler) m -> complete(k, m));
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

    /** The same handlers, each first noting that the shell received a message (so it is not deaf). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Map<MessageType<?>, MessageHandler> heard(Map<MessageType<?>, MessageHandler> handlers, AtomicBoolean heard) {
        Map<MessageType<?>, MessageHandler> h = new HashMap<>();
        handlers.forEach((type, handler) -> h.put(type, (MessageHandler) m -> {
            heard.set(true);
            handler.handle(m);
        }));
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

    /** The DSL-aware completions for Java code, else rapaio's own answer (magic commands, or if ours fails). */
    private static void complete(RapaioKernel k, Message<ShellCompleteRequest> m) {
        ShellCompleteRequest request = m.content();
        String code = request.code();
        int lineStart = code.lastIndexOf('\n', Math.max(0, Math.min(code.length(), request.cursorPos()) - 1)) + 1;
        if (code.stripLeading().startsWith("%%") || code.substring(lineStart).stripLeading().startsWith("%")) {
            k.handleCompleteRequest(m);
            return;
        }
        CompleteMatches matches;
        try {
            matches = DslCompletions.complete(k.javaEngine().getSourceAnalysis(), request.code(), request.cursorPos(),
                    KernelLauncher.class.getClassLoader());
        } catch (RuntimeException e) {
            k.handleCompleteRequest(m); // never lose the reply
            return;
        }
        k.channels().busyThenIdle();
        k.channels().reply(matches == null ? ShellCompleteReply.empty(request.cursorPos())
                : ShellCompleteReply.from(matches));
    }

    /** Channels' field names, in the order their sockets are bound: the shell, which receives requests, last. */
    static final List<String> BIND_ORDER = List.of("heartbeat", "iopub", "stdin", "control", "shell");
    /** The channels rapaio gives a loop thread of its own (iopub and stdin are used from other threads). */
    static final List<String> LOOPED = List.of("heartbeat", "shell");
}
