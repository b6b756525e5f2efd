package org.graalmp.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.graalmp.ipc.MessageLimit;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.Value;

/**
 * One end of a connected stream socket (TCP or Unix-domain) carrying whole messages framed as
 * CPython's {@code multiprocessing.connection} frames them ({@link FrameDescriptor}): the
 * endpoint behind the Connections that {@code Listener.accept()} and {@code Client()} return.
 *
 * <p>Thread-safety: one sender and one receiver may work at once; sends are serialised among
 * themselves, and so are receives and polls (a poll counts as receiving). {@link #close()} may
 * come from any thread and wakes whoever waits.
 *
 * <p>Overview: the channel is non-blocking for its whole life so that selectors can watch it.
 * A receive blocks on {@code readSelector}, a send on {@code writeSelector}, each
 * {@link #whenReadable()} on a selector of its own, run by the passed-in executor and closed
 * when its future completes, however that happens. Nothing is read ahead: polling asks only
 * whether the socket is readable, which end of stream also makes it, as in CPython. A frame cut
 * short reads as CPython's: {@code EOFError} if the stream ended before a field began, else
 * {@code OSError("got end of file during message")}.
 */
public final class SocketEndpoint implements Endpoint, MessageLink, AutoCloseable {

    /** Bytes copied from Python and written per system call: big enough to be cheap, small enough to keep. */
    private static final int CHUNK = 64 * 1024;
    private static final Reply BAD_LENGTH = Reply.error("OSError", "bad message length");

    private final SocketChannel channel;
    private final Executor watchers;
    private final Consumer<SocketEndpoint> onClose;
    private final ReentrantLock sending = new ReentrantLock();
    private final ReentrantLock receiving = new ReentrantLock();
    private final Selector writeSelector;
    private final Selector readSelector;
    private final Set<Selector> watches = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes over a connected channel. {@code watchers} runs the waits of {@link #whenReadable()};
     * {@code onClose} hears once, when this endpoint closes.
     */
    SocketEndpoint(SocketChannel channel, Executor watchers, Consumer<SocketEndpoint> onClose) throws IOException {
        this.channel = channel;
        this.watchers = watchers;
        this.onClose = onClose;
        channel.configureBlocking(false);
        this.writeSelector = Selector.open();
        this.readSelector = Selector.open();
        channel.register(writeSelector, SelectionKey.OP_WRITE);
        channel.register(readSelector, SelectionKey.OP_READ);
    }

    /** Connects to a listening socket: an {@code InetSocketAddress} or a {@code UnixDomainSocketAddress}. */
    public static SocketEndpoint connect(SocketAddress address, Executor watchers, Consumer<SocketEndpoint> onClose)
            throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        try {
            return new SocketEndpoint(channel, watchers, onClose);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- sending

    @Override
    public Reply sendBytes(Value message) {
        return send(message.getBufferSize(), (from, into, length) -> {
            if (length == into.length) {
                message.readBuffer(from, into, 0, length);
            } else {  // see Payload
                byte[] exact = new byte[length];
                message.readBuffer(from, exact, 0, length);
                System.arraycopy(exact, 0, into, 0, length);
            }
        });
    }

    @Override
    public Reply send(byte[] message) {
        return send(message.length, (from, into, length) -> System.arraycopy(message, (int) from, into, 0, length));
    }

    /**
     * Where a payload's bytes come from: a Python buffer or a Java array. They are copied to the
     * start of {@code into}. GraalPy 25.0's {@code readBuffer} of a bytes object only succeeds
     * when the bytes read reach the end of the destination array exactly (other calls fail as
     * out of bounds), hence the exact-size array for a last, partial chunk.
     */
    @FunctionalInterface
    private interface Payload {
        void copy(long from, byte[] into, int length);
    }

    private Reply send(long length, Payload payload) {
        if (!MessageLimit.allows(length)) {
            return MessageLimit.refusal(length);
        }
        ByteBuffer header = ByteBuffer.allocate(FrameDescriptor.MAX_HEADER_SIZE);
        FrameDescriptor.putHeader(header, length);
        header.flip();
        byte[] chunk = new byte[(int) Math.min(CHUNK, length)];
        sending.lock();
        try {
            long sent = 0;
            do {
                // The header goes out with the first chunk, in one system call for a small message.
                int n = (int) Math.min(chunk.length, length - sent);
                payload.copy(sent, chunk, n);
                writeFully(header, ByteBuffer.wrap(chunk, 0, n));
                sent += n;
            } while (sent < length);
            return Reply.ok(null);
        } catch (IOException e) {
            return failure(e);
        } finally {
            sending.unlock();
        }
    }

    private void writeFully(ByteBuffer header, ByteBuffer body) throws IOException {
        ByteBuffer[] buffers = {header, body};
        while (header.hasRemaining() || body.hasRemaining()) {
            if (channel.write(buffers) == 0) {
                await(writeSelector, -1);
            }
        }
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public Reply recvBytes(long maxLength) {
        receiving.lock();
        try {
            long length = readLength();
            // graalmp's limit acts as a maxlength, checked before allocating: the length may be garbage
            if (length == FrameDescriptor.MALFORMED || (maxLength >= 0 && length > maxLength)
                    || !MessageLimit.allows(length)) {
                return BAD_LENGTH;  // the payload stays unread; the Connection stops reading
            }
            return Reply.ok(readPayload((int) length));
        } catch (EndOfStream e) {
            return e.partial
                    ? Reply.error("OSError", "got end of file during message")
                    : Reply.error("EOFError", "");
        } catch (IOException e) {
            return failure(e);
        } finally {
            receiving.unlock();
        }
    }

    @Override
    public Reply receive(long maxLength) {
        return recvBytes(maxLength);
    }

    private long readLength() throws IOException {
        ByteBuffer field = ByteBuffer.allocate(FrameDescriptor.LENGTH_SIZE);
        readFully(field);
        int first = field.getInt(0);
        if (!FrameDescriptor.isLongMarker(first)) {
            return FrameDescriptor.shortLength(first);
        }
        field = ByteBuffer.allocate(FrameDescriptor.LONG_LENGTH_SIZE);
        readFully(field);
        return FrameDescriptor.longLength(field.getLong(0));
    }

    /**
     * The payload, in an array that grows as its bytes arrive rather than at once: a peer's
     * length may be a lie, and a lie should cost no more than the bytes actually sent.
     */
    private byte[] readPayload(int length) throws IOException {
        byte[] payload = new byte[Math.min(length, CHUNK)];
        readFully(ByteBuffer.wrap(payload));
        while (payload.length < length) {
            int filled = payload.length;
            payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * filled));
            readFully(ByteBuffer.wrap(payload, filled, payload.length - filled));  // EOF now: mid-message
        }
        return payload;
    }

    /** Fills the buffer, as CPython's {@code _recv(size)} does: one field or payload per call. */
    private void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EndOfStream(buffer.position() > 0);
            }
            if (n == 0) {
                await(readSelector, -1);
            }
        }
    }

    /** The stream ended; {@code partial} if it did inside the field or payload being read. */
    private static final class EndOfStream extends IOException {
        final boolean partial;

        EndOfStream(boolean partial) {
            super(partial ? "end of stream inside a frame" : "end of stream");
            this.partial = partial;
        }
    }

    // ---------------------------------------------------------------- readiness

    @Override
    public Reply poll(double timeoutSeconds) {
        receiving.lock();
        try {
            if (closed.get()) {
                throw new ClosedChannelException();
            }
            return Reply.ok(await(readSelector, toNanos(timeoutSeconds)));
        } catch (IOException e) {
            return failure(e);
        } finally {
            receiving.unlock();
        }
    }

    /**
     * {@inheritDoc} Also completes (with {@code true}) when this endpoint is closed: the next
     * call on it then reports that. Fails if the executor refuses the wait.
     */
    @Override
    public CompletableFuture<Boolean> whenReadable() {
        CompletableFuture<Boolean> readable = new CompletableFuture<>();
        Selector watch;
        try {
            watch = Selector.open();
        } catch (IOException e) {
            readable.completeExceptionally(e);
            return readable;
        }
        watches.add(watch);
        readable.whenComplete((result, failure) -> watch.wakeup());
        try {
            channel.register(watch, SelectionKey.OP_READ);
            if (watch.selectNow(key -> { }) > 0) {
                readable.complete(true);
            }
        } catch (ClosedChannelException e) {
            readable.complete(true);
        } catch (IOException e) {
            readable.completeExceptionally(e);
        }
        if (readable.isDone()) {
            release(watch);
            return readable;
        }
        try {
            watchers.execute(() -> watch(watch, readable));
        } catch (RejectedExecutionException e) {
            release(watch);
            readable.completeExceptionally(e);
        }
        return readable;
    }

    private void watch(Selector watch, CompletableFuture<Boolean> readable) {
        try {
            while (!readable.isDone()) {
                if (watch.select(key -> { }) > 0 || closed.get()) {
                    readable.complete(true);
                } else if (Thread.currentThread().isInterrupted()) {
                    readable.completeExceptionally(new InterruptedIOException("readiness wait stopped"));
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            readable.completeExceptionally(e);
        } finally {
            release(watch);
        }
    }

    private void release(Selector watch) {
        watches.remove(watch);
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /**
     * Waits until the selector's only key is ready; negative nanoseconds: for ever. False when the
     * time is up. Throws if the endpoint closes or the thread is interrupted meanwhile.
     */
    private boolean await(Selector selector, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            while (true) {
                if (closed.get()) {
                    throw new ClosedChannelException();
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on a socket");
                }
                long left = deadline - System.nanoTime();
                int ready;
                if (timeoutNanos < 0) {
                    ready = selector.select(key -> { });
                } else if (left <= 0) {
                    return selector.selectNow(key -> { }) > 0;
                } else {
                    ready = selector.select(key -> { }, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                if (ready > 0) {
                    return true;
                }
            }
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
    }

    /** Python's timeout in seconds as nanoseconds; negative, or too long to matter: for ever. */
    private static long toNanos(double seconds) {
        if (seconds < 0 || seconds * 1e9 >= Long.MAX_VALUE / 2.0) {
            return -1;
        }
        return (long) (seconds * 1e9);
    }

    // ---------------------------------------------------------------- closing

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Closing a selector wakes its waiter first; the socket itself closes once no
        // selector holds it any more.
        closeQuietly(readSelector);
        closeQuietly(writeSelector);
        watches.forEach(Selector::wakeup);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        onClose.accept(this);
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    private Reply failure(IOException e) {
        return closed.get() ? OsErrors.of(new ClosedChannelException()) : OsErrors.of(e);
    }

    @Override
    public String toString() {
        return "SocketEndpoint[" + channel + "]";
    }
}
