package org.metalearn.kernel;

import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.ControlChannel;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Our loop on the control socket, in place of rapaio 3.0.1's. Its loop shares one "current message" and one
 * after-actions stack with the shell thread and sends every reply on the shell socket: an interrupt_request
 * during a cell re-parents the cell's remaining output and its idle status to the interrupt (so clients wait for
 * an idle that never comes) and the interrupt_reply never reaches the client. This loop answers on the control
 * socket, touches nothing of the shell's, and hands interrupts to {@link CellInterrupter}.
 */
final class ControlLoop {
    private static final long POLL_MILLIS = 50;

    private ControlLoop() {
    }

    /**
     * Binds the control socket and starts the loop as the control channel's loop thread (so close() stops it),
     * through {@link LoopThreads#start} (rapaio's own start can leave a loop that ended at birth).
     */
    static void bind(Channels channels, RapaioKernel kernel, ShellCells cells, ConnectionProperties props) throws ReflectiveOperationException {
        ControlChannel control = (ControlChannel) RapaioFields.get(Channels.class, channels, "control");
        ZMQ.Socket socket = (ZMQ.Socket) RapaioFields.get(AbstractChannel.class, control, "socket");
        ZMQ.Context ctx = (ZMQ.Context) RapaioFields.get(AbstractChannel.class, control, "ctx");
        socket.bind(props.formatAddress(props.controlPort()));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        CellInterrupter interrupter = new CellInterrupter(kernel, cells);
        LoopThread loop = new LoopThread("metalearn-control", POLL_MILLIS, () -> {
            if (poller.poll(POLL_MILLIS) > 0) {
                Message<?> msg;
                try {
                    msg = control.readMessage();
                } catch (SecurityException e) { // a forged message: dropped, the loop goes on
                    System.err.println("[metalearn kernel] control: dropped a message with a wrong or missing "
                            + "signature (" + e.getMessage() + ")");
                    return;
                }
                handle(channels, control, kernel, interrupter, msg);
            }
        });
        RapaioFields.set(ControlChannel.class, control, "loopThread", loop);
        LoopThreads.start(loop);
    }

    private static void handle(Channels channels, ControlChannel control, RapaioKernel kernel,
                               CellInterrupter interrupter, Message<?> msg) {
        MessageType<?> type = msg.header().type();
        if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
            control.sendMessage(new Message<>(msg.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
            interrupter.interrupt();
        } else if (type == MessageType.CONTROL_SHUTDOWN_REQUEST) {
            boolean restart = ((ControlShutdownRequest) msg.content()).restart();
            control.sendMessage(new Message<>(msg.getId(), MessageType.CONTROL_SHUTDOWN_REPLY, new ControlShutdownReply(restart)));
            kernel.onShutdown();
            // close from another thread: closing joins this loop's thread
            Thread closer = new Thread(channels::close, "metalearn-shutdown");
            closer.start();
        } else if (type == MessageType.SHELL_KERNEL_INFO_REQUEST) {
            control.sendMessage(new Message<>(msg.getId(), KernelReplies.KERNEL_INFO_REPLY, KernelReplies.kernelInfo()));
        } else {
            System.err.println("[metalearn kernel] control request not handled: " + type.name());
        }
    }
}
