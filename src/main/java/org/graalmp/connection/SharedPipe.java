package org.graalmp.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;
import org.graalmp.sync.Timeouts;

/**
 * A pipe's state, kept in the root process: for each of its two ends, the messages waiting to
 * be read there and which processes hold a handle on it (pid to count), so that end of file
 * follows CPython: {@code recv} at one end raises EOFError once no process holds the other end
 * and nothing is left to read. A process that exits drops its handles.
 *
 * <p>Methods (end is 0 or 1): {@code send(end, bytes)}, {@code recv(end, maxLength)},
 * {@code poll(end, timeout, token)}, {@code cancel(token)}, {@code duplicate(end, pid)},
 * {@code close(end)}. Each message goes whole to exactly one reader.
 *
 * <p>A {@code recv} from another process that must wait is parked here as a receiver
 * ({@link #callLater}), not on a thread: the send that makes it answerable hands the message
 * to it, and a close that ends the other end answers EOFError. Answers go out after the lock
 * is released. Invariant: an end has receivers only while its inbox is empty.
 */
public final class SharedPipe implements SharedObject {

    static final String BAD_MESSAGE_LENGTH = "bad message length";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final End[] ends = {new End(), new End()};
    private final Set<Long> cancelledPolls = new HashSet<>();
    private final Set<Long> watchedPids = new HashSet<>();
    private final List<Runnable> answers = new ArrayList<>();  // guarded by lock; sent once it is released

    /** Messages to be read at one end, the processes holding that end, and who waits to read. */
    private static final class End {
        final ArrayDeque<byte[]> inbox = new ArrayDeque<>();
        final Map<Long, Integer> holders = new HashMap<>();
        final ArrayDeque<Receiver> receivers = new ArrayDeque<>();
    }

    /** A recv from another process, waiting for a message or end of file. */
    private record Receiver(Caller caller, long maxLength, Consumer<Reply> answer) {
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        if (method.equals("cancel")) {
            return cancel((Long) args[0]);
        }
        int end = ((Long) args[0]).intValue();
        if (end != 0 && end != 1) {
            return Reply.error("ValueError", "no pipe end " + end);
        }
        lock.lock();
        try {
            return switch (method) {
                case "send" -> send(end, (byte[]) args[1]);
                case "recv" -> recv(end, (Long) args[1]);
                case "poll" -> Reply.ok(awaitReadable(end, Timeouts.seconds(args[1]), (Long) args[2]));
                case "duplicate" -> duplicate(end, (Long) args[1]);
                case "close" -> close(end, caller.pid());
                default -> Reply.error("AttributeError", "Pipe has no method " + method);
            };
        } finally {
            unlockAndAnswer();
        }
    }

    @Override
    public Reply callNow(String method, Object[] args, Caller caller) {
        if (method.equals("cancel")) {
            return cancel((Long) args[0]);
        }
        int end = ((Long) args[0]).intValue();
        if (end != 0 && end != 1) {
            return Reply.error("ValueError", "no pipe end " + end);
        }
        lock.lock();
        try {
            return switch (method) {
                case "send" -> send(end, (byte[]) args[1]);
                case "recv" -> isReadable(end) ? recvNow(end, (Long) args[1]) : null;
                case "poll" -> isReadable(end) ? Reply.ok(true)
                        : Timeouts.seconds(args[1]) > 0 ? null : Reply.ok(false);
                case "duplicate" -> duplicate(end, (Long) args[1]);
                case "close" -> close(end, caller.pid());
                default -> null;
            };
        } finally {
            unlockAndAnswer();
        }
    }

    @Override
    public boolean callLater(String method, Object[] args, Caller caller, Consumer<Reply> answer) {
        if (!method.equals("recv") || !(args[0] instanceof Long end) || (end != 0 && end != 1)) {
            return false;
        }
        lock.lock();
        try {
            int at = end.intValue();
            if (isReadable(at)) {
                Reply now = recvNow(at, (Long) args[1]);
                answers.add(() -> answer.accept(now));
            } else {
                ends[at].receivers.addLast(new Receiver(caller, (Long) args[1], answer));
            }
            return true;
        } finally {
            unlockAndAnswer();
        }
    }

    /** Releases the lock, then sends the answers to parked receivers that it made ready. */
    private void unlockAndAnswer() {
        List<Runnable> ready = answers.isEmpty() || lock.getHoldCount() > 1 ? List.of() : List.copyOf(answers);
        if (!ready.isEmpty()) {
            answers.clear();
        }
        lock.unlock();
        ready.forEach(Runnable::run);
    }

    private Reply send(int end, byte[] message) {
        End other = ends[1 - end];
        if (other.holders.isEmpty()) {
            return Reply.error("BrokenPipeError", "[Errno 32] Broken pipe");
        }
        other.inbox.addLast(message);
        answerReceivers(1 - end);
        changed.signalAll();
        return Reply.ok(null);
    }

    /** Hands what can be read at {@code end} (messages, then end of file) to its parked receivers. */
    private void answerReceivers(int end) {
        ArrayDeque<Receiver> receivers = ends[end].receivers;
        while (!receivers.isEmpty() && isReadable(end)) {
            Receiver receiver = receivers.removeFirst();
            if (!receiver.caller().isAlive()) {
                // Killed, and its connection's end has not released it yet: what it took would be lost.
                continue;
            }
            Reply reply = recvNow(end, receiver.maxLength());
            answers.add(() -> receiver.answer().accept(reply));
        }
    }

    private Reply recv(int end, long maxLength) throws InterruptedException {
        awaitReadable(end, Long.MAX_VALUE, 0);
        return recvNow(end, maxLength);
    }

    private Reply recvNow(int end, long maxLength) {
        ArrayDeque<byte[]> inbox = ends[end].inbox;
        if (inbox.isEmpty()) {
            return Reply.error("EOFError", "");
        }
        if (maxLength >= 0 && inbox.peekFirst().length > maxLength) {
            return Reply.error("OSError", BAD_MESSAGE_LENGTH);
        }
        return Reply.ok(inbox.removeFirst());
    }

    /** Waits until a message is there or no writer is left; false if time ran out or the poll was cancelled. */
    private boolean awaitReadable(int end, long nanos, long token) throws InterruptedException {
        long left = nanos;
        while (!isReadable(end)) {
            if (left <= 0 || (token != 0 && cancelledPolls.remove(token))) {
                return false;
            }
            left = Timeouts.await(changed, left);
        }
        return true;
    }

    private boolean isReadable(int end) {
        return !ends[end].inbox.isEmpty() || ends[1 - end].holders.isEmpty();
    }

    private Reply cancel(long token) {
        lock.lock();
        try {
            cancelledPolls.add(token);
            changed.signalAll();
            return Reply.ok(null);
        } finally {
            unlockAndAnswer();
        }
    }

    /** Process {@code pid} holds one more handle on {@code end}: it created it, or will unpickle it. */
    private Reply duplicate(int end, long pid) {
        ends[end].holders.merge(pid, 1, Integer::sum);
        if (pid != ProcessHandle.current().pid() && watchedPids.add(pid)) {
            // A process may die before it ever reaches the hub; its exit still closes its handles.
            ProcessHandle.of(pid).ifPresentOrElse(
                    process -> process.onExit().thenRun(() -> releasePid(pid)),
                    () -> releasePid(pid));
        }
        return Reply.ok(null);
    }

    private Reply close(int end, long pid) {
        Map<Long, Integer> holders = ends[end].holders;
        holders.computeIfPresent(pid, (p, count) -> count > 1 ? count - 1 : null);
        answerReceivers(1 - end);
        changed.signalAll();
        return Reply.ok(null);
    }

    @Override
    public void release(Caller caller) {
        lock.lock();
        try {
            for (End end : ends) {
                end.receivers.removeIf(receiver -> receiver.caller().id() == caller.id());
            }
        } finally {
            unlockAndAnswer();
        }
        releasePid(caller.pid());
    }

    private void releasePid(long pid) {
        lock.lock();
        try {
            for (End end : ends) {
                end.holders.remove(pid);
                end.receivers.removeIf(receiver -> receiver.caller().pid() == pid);
            }
            answerReceivers(0);
            answerReceivers(1);
            watchedPids.remove(pid);
            changed.signalAll();
        } finally {
            unlockAndAnswer();
        }
    }
}
