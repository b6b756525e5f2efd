package org.graalmp.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;
import org.graalmp.sync.Timeouts;

/**
 * Queue, JoinableQueue and SimpleQueue: pickled items in FIFO order, bounded by {@code maxsize}
 * (0 or less: unbounded), with JoinableQueue's count of unfinished tasks.
 *
 * <p>Methods: {@code put(item, block, timeout)}, {@code get(block, timeout)} (errors
 * {@code queue.Full} / {@code queue.Empty}), {@code qsize()}, {@code empty()}, {@code full()},
 * {@code task_done()}, {@code join()}.
 *
 * <p>A {@code get} from another process that waits without a timeout is parked here as a getter
 * ({@link #callLater}), not on a thread: the put that comes next hands its item straight to the
 * first getter, and the answer goes out once the lock is released. Invariant: there are getters
 * only while the queue is empty.
 */
public final class SharedQueue implements SharedObject {

    private final int maxsize;
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allTasksDone = lock.newCondition();
    private final ArrayDeque<Getter> getters = new ArrayDeque<>();
    private final List<Runnable> answers = new ArrayList<>();  // guarded by lock; sent once it is released
    private long unfinishedTasks;

    /** A get from another process, waiting for ever for the next item. */
    private record Getter(Caller caller, Consumer<Reply> answer) {
    }

    public SharedQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        lock.lock();
        try {
            return switch (method) {
                case "put" -> put((byte[]) args[0], Timeouts.nanos(args[1], args[2]));
                case "get" -> get(Timeouts.nanos(args[0], args[1]));
                case "qsize" -> Reply.ok((long) items.size());
                case "empty" -> Reply.ok(items.isEmpty());
                case "full" -> Reply.ok(isFull());
                case "task_done" -> taskDone();
                case "join" -> join();
                default -> Reply.error("AttributeError", "Queue has no method " + method);
            };
        } finally {
            unlockAndAnswer();
        }
    }

    @Override
    public Reply callNow(String method, Object[] args, Caller caller) {
        lock.lock();
        try {
            return switch (method) {
                case "put" -> isFull() && Timeouts.nanos(args[1], args[2]) > 0 ? null : putNow((byte[]) args[0]);
                case "get" -> items.isEmpty() && Timeouts.nanos(args[0], args[1]) > 0 ? null : getNow();
                case "qsize" -> Reply.ok((long) items.size());
                case "empty" -> Reply.ok(items.isEmpty());
                case "full" -> Reply.ok(isFull());
                case "task_done" -> taskDone();
                case "join" -> unfinishedTasks > 0 ? null : Reply.ok(null);
                default -> null;
            };
        } finally {
            unlockAndAnswer();
        }
    }

    @Override
    public boolean callLater(String method, Object[] args, Caller caller, Consumer<Reply> answer) {
        if (!method.equals("get") || !Boolean.TRUE.equals(args[0]) || args[1] != null) {
            return false;
        }
        lock.lock();
        try {
            if (items.isEmpty()) {
                getters.addLast(new Getter(caller, answer));
            } else {
                Reply now = getNow();
                answers.add(() -> answer.accept(now));
            }
            return true;
        } finally {
            unlockAndAnswer();
        }
    }

    @Override
    public void release(Caller caller) {
        lock.lock();
        try {
            getters.removeIf(getter -> getter.caller().id() == caller.id());
        } finally {
            lock.unlock();
        }
    }

    /** Releases the lock, then answers the getters that puts made while holding it served. */
    private void unlockAndAnswer() {
        List<Runnable> ready = answers.isEmpty() ? List.of() : List.copyOf(answers);
        answers.clear();
        lock.unlock();
        ready.forEach(Runnable::run);
    }

    private boolean isFull() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    private Reply put(byte[] item, long nanos) throws InterruptedException {
        long left = nanos;
        while (isFull()) {
            if (left <= 0) {
                return Reply.error("queue.Full", "");
            }
            left = Timeouts.await(notFull, left);
        }
        return putNow(item);
    }

    private Reply putNow(byte[] item) {
        if (isFull()) {
            return Reply.error("queue.Full", "");
        }
        unfinishedTasks++;
        Getter getter = nextLiveGetter();
        if (getter != null) {
            Reply got = Reply.ok(item);
            answers.add(() -> getter.answer().accept(got));
        } else {
            items.addLast(item);
            notEmpty.signal();
        }
        return Reply.ok(null);
    }

    /**
     * The first parked getter whose process still runs. A killed getter stays parked until its
     * hub connection's end releases it, and the root may see the death first (join() returns):
     * an item handed to it then would be lost.
     */
    private Getter nextLiveGetter() {
        for (Getter getter; (getter = getters.pollFirst()) != null; ) {
            if (getter.caller().isAlive()) {
                return getter;
            }
        }
        return null;
    }

    private Reply get(long nanos) throws InterruptedException {
        long left = nanos;
        while (items.isEmpty()) {
            if (left <= 0) {
                return Reply.error("queue.Empty", "");
            }
            left = Timeouts.await(notEmpty, left);
        }
        return getNow();
    }

    private Reply getNow() {
        if (items.isEmpty()) {
            return Reply.error("queue.Empty", "");
        }
        byte[] item = items.removeFirst();
        notFull.signal();
        return Reply.ok(item);
    }

    private Reply taskDone() {
        if (unfinishedTasks <= 0) {
            return Reply.error("ValueError", "task_done() called too many times");
        }
        if (--unfinishedTasks == 0) {
            allTasksDone.signalAll();
        }
        return Reply.ok(null);
    }

    private Reply join() throws InterruptedException {
        while (unfinishedTasks > 0) {
            allTasksDone.await();
        }
        return Reply.ok(null);
    }
}
