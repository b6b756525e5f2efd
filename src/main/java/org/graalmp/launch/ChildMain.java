package org.graalmp.launch;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.graalmp.host.InterpreterOptions;
import org.graalmp.host.PythonHost;
import org.graalmp.launch.ChildInput.Message;
import org.graalmp.launch.ChildInput.Payload;
import org.graalmp.launch.ChildInput.WarmUp;

/**
 * Entry point of a child JVM. Builds its Python context and imports what every child needs,
 * then reads the spawn payload (preparation data and the pickled {@code Process}) from
 * standard input, runs it as CPython's spawn child does and exits with the process's exit code.
 * A spare in the warm pool is first sent a {@link ChildInput.WarmUp}: it prepares to run its
 * parent's main script and rehearses a child's first steps while it waits.
 *
 * <p>Standard input stays open for the child's whole life: the parent holds the other end.
 * End of input means the parent is gone (or, for a spare, no longer needs it), and the child
 * halts at once, booting or running, rather than linger as an orphan.
 *
 * <p>Standard input is read through a channel, which this class closes before it exits: the
 * close wakes the watching thread. HotSpot's exit waits up to 300 ms for every thread blocked
 * in a native call (a plain {@code System.in.read()} is one), which added that much to every
 * child's {@code join()}.
 */
public final class ChildMain {

    /** Exit status of a child whose parent vanished or dropped it as a spare; nobody reads it. */
    private static final int ORPHANED = 1;

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        DefaultSignals.restore();
        FileChannel fromParent = new FileInputStream(FileDescriptor.in).getChannel();
        // The payload is read, and the parent watched, from the start: a JVM still booting
        // (a spare may boot for seconds) halts as soon as its parent dies, not once booted.
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        Thread watcher = new Thread(() -> watchParent(fromParent, inbox), "graalmp-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        InterpreterOptions options = InterpreterOptions.fromProperty(System.getProperty(InterpreterOptions.PROPERTY));
        int exitCode;
        try (PythonHost host = PythonHost.builder().stdin(InputStream.nullInputStream())
                .options(options).prestartChildren(false).build()) {
            // Everything up to here may happen long before the parent's start(): the JVM may
            // be a spare in the parent's warm pool. So the payload is taken only now.
            host.prepareChild();
            exitCode = host.runChild(awaitPayload(host, inbox));
        }
        fromParent.close();
        System.exit(exitCode);
    }

    /**
     * Warms up as the parent asks until the payload comes. The rehearsal is skipped when the
     * payload is already there: it would only delay the child.
     */
    private static byte[] awaitPayload(PythonHost host, BlockingQueue<Message> inbox) throws InterruptedException {
        while (true) {
            Message message = inbox.take();
            if (message instanceof Payload payload) {
                return payload.bytes();
            }
            WarmUp warmUp = (WarmUp) message;
            warmUp.mainScript().ifPresent(host::warmUpChild);
            if (inbox.isEmpty()) {
                warmUp.rehearsal().ifPresent(host::rehearseChild);
            }
        }
    }

    /** Reads the messages up to the payload, then waits for the end of input; halts when it comes. */
    private static void watchParent(FileChannel fromParent, BlockingQueue<Message> inbox) {
        DataInputStream in = new DataInputStream(Channels.newInputStream(fromParent));
        try {
            Message message;
            do {
                message = ChildInput.read(in);
                inbox.add(message);
            } while (!(message instanceof Payload));
            while (in.read() >= 0) {
                // the parent sends nothing more; any byte is ignored
            }
        } catch (ClosedChannelException exiting) {
            return; // main closed the channel: this child exits with its own code
        } catch (IOException ignored) {
            // end of input before the payload, or a broken pipe: the parent is gone as well
        }
        Runtime.getRuntime().halt(ORPHANED);
    }
}
