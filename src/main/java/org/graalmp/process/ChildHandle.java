package org.graalmp.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.graalmp.ipc.MessageTooLongException;
import org.graalmp.ipc.PythonValues;
import org.graalmp.ipc.Reply;
import org.graalmp.launch.ChildInput;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One child JVM, as its parent sees it: what the shim's {@code Popen} calls. Thread-safe.
 *
 * <p>The parent keeps the child's standard input open until the child exits; the child treats
 * end of input as the death of its parent (see {@link org.graalmp.launch.ChildMain}).
 */
public final class ChildHandle {

    private final Process process;
    private final int sentinel;
    private final OutputStream lifeline;

    private final Consumer<byte[]> payloadSender;

    ChildHandle(Process process, int sentinel, Consumer<byte[]> payloadSender) {
        this.process = process;
        this.sentinel = sentinel;
        this.payloadSender = payloadSender;
        this.lifeline = process.getOutputStream();
        process.onExit().thenRun(this::cutLifeline);
    }

    /**
     * Sends the spawn payload (the pickled preparation data and process object, a Python
     * bytes object) in the background: a child JVM takes seconds to start reading it. Refuses
     * one longer than the child would accept ({@link ChildInput#MAX_PAYLOAD}).
     */
    @HostAccess.Export
    public Reply send(Value payload) {
        try {
            payloadSender.accept(PythonValues.messageOf(payload));
            return Reply.ok(null);
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    @HostAccess.Export
    public long pid() {
        return process.pid();
    }

    /** An opaque number that {@code multiprocessing.connection.wait} accepts for this child. */
    @HostAccess.Export
    public int sentinel() {
        return sentinel;
    }

    /** The CPython exit code, or {@code null} while the child runs. */
    @HostAccess.Export
    public Integer poll() {
        return process.isAlive() ? null : ExitStatus.toExitCode(process.exitValue());
    }

    /**
     * Waits for the child to exit; a negative timeout waits for ever.
     *
     * @return the exit code, or {@code null} if the child still runs when the timeout ends
     */
    @HostAccess.Export
    public Integer waitFor(double timeoutSeconds) throws InterruptedException {
        if (timeoutSeconds < 0) {
            process.waitFor();
        } else {
            process.waitFor((long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
        }
        return poll();
    }

    /**
     * SIGTERM, as CPython's {@code terminate()}. Through the process handle: {@code
     * Process.destroy()} also closes the child's standard input, which the child reads as its
     * parent's death, so a child with its own SIGTERM handler would halt instead of running it.
     */
    @HostAccess.Export
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, as CPython's {@code kill()}. */
    @HostAccess.Export
    public void kill() {
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    private void cutLifeline() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the child is gone; so is the pipe
        }
    }
}
