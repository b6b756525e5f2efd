package org.graalmp.sync;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;

/**
 * multiprocessing.Barrier: {@code parties} processes meet; the last to arrive releases the
 * others (after running the barrier's action, if it has one, in its own process). Each round is
 * a {@link Round}: a timeout, {@code abort()} or {@code reset()} breaks the round its waiters
 * are in, and they raise BrokenBarrierError, as with {@code threading.Barrier}.
 *
 * <p>Methods: {@code wait(timeout, hasAction)} returns the arrival index (the last arriver,
 * index parties-1, must then run the action and call {@code trip} or {@code abort});
 * {@code trip()}, {@code abort()}, {@code reset()}, {@code n_waiting()}, {@code broken()}.
 */
public final class SharedBarrier implements SharedObject {

    private static final String BROKEN = "threading.BrokenBarrierError";

    private final int parties;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Round round = new Round();

    /** One filling of the barrier. */
    private static final class Round {
        int arrived;
        boolean broken;
        boolean done;
    }

    public SharedBarrier(int parties) {
        if (parties <= 0) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        lock.lock();
        try {
            return switch (method) {
                case "wait" -> await(Timeouts.nanos(true, args[0]), Boolean.TRUE.equals(args[1]));
                case "trip" -> {
                    trip();
                    yield Reply.ok(null);
                }
                case "abort" -> {
                    breakRound();
                    yield Reply.ok(null);
                }
                case "reset" -> reset();
                case "n_waiting" -> Reply.ok((long) (round.broken ? 0 : round.arrived));
                case "broken" -> Reply.ok(round.broken);
                default -> Reply.error("AttributeError", "Barrier has no method " + method);
            };
        } finally {
            lock.unlock();
        }
    }

    private Reply await(long nanos, boolean hasAction) throws InterruptedException {
        Round mine = round;
        if (mine.broken) {
            return Reply.error(BROKEN, "");
        }
        long index = mine.arrived++;
        if (mine.arrived == parties) {
            if (!hasAction) {
                trip();
            }
            return Reply.ok(index);  // with an action, the caller runs it, then trips
        }
        long left = nanos;
        while (!mine.done && !mine.broken) {
            if (left <= 0) {
                breakRound();
                break;
            }
            left = Timeouts.await(changed, left);
        }
        return mine.broken ? Reply.error(BROKEN, "") : Reply.ok(index);
    }

    private void trip() {
        round.done = true;
        round = new Round();
        changed.signalAll();
    }

    private void breakRound() {
        round.broken = true;
        changed.signalAll();
    }

    /** Breaks the waiters of this round, and starts a fresh one. */
    private Reply reset() {
        if (round.arrived > 0) {
            round.broken = true;
        }
        round = new Round();
        changed.signalAll();
        return Reply.ok(null);
    }
}
