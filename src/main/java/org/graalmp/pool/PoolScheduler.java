package org.graalmp.pool;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;
import org.graalmp.sync.Timeouts;

/**
 * One Pool's scheduling: the pending tasks in submission order, the task each worker holds,
 * the results of each job and the events its owner's handler thread acts on.
 *
 * <p>Owner's methods: {@code new_job(length, waits_for_callback)} → job id;
 * {@code submit(job, first_index, payload...)}; {@code set_length(job, n)};
 * {@code close()} (workers stop once nothing is pending); {@code stop()} (at once);
 * {@code wait(job, timeout)} → ready; {@code result(job, index)}; {@code take(job, index, timeout)}
 * and {@code take_any(job, timeout)} for imap (null past the end, -1 on timeout);
 * {@code forget(job)}; {@code ack(job)} (the callback ran: the job is ready and forgotten);
 * {@code next_event()} → "ready JOB" or null when stopped; {@code finish_events()};
 * {@code worker_gone(name, pid)}; {@code pending()} (tasks not yet handed out).
 * <p>Workers' methods: {@code next_task(name)} → encoded {@link Task} or null (stop);
 * {@code task_done(name, job, index, ok, payload)}.
 *
 * <p>A worker whose process dies (its hub connection closes, or its parent reports it gone)
 * fails the task it held with a message, where CPython's pool would wait for ever.
 */
public final class PoolScheduler implements SharedObject {

    private static final Long TIMED_OUT = -1L;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition taskOrStop = lock.newCondition();
    private final Condition jobsChanged = lock.newCondition();
    private final Condition eventOrStop = lock.newCondition();
    private final ArrayDeque<Task> pending = new ArrayDeque<>();
    private final Map<Long, Job> jobs = new HashMap<>();
    private final Map<String, Worker> workers = new HashMap<>();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private long nextJob = 1;
    private boolean closed;
    private boolean stopped;
    private boolean eventsFinished;

    /** A worker by name, the connection it calls from and the task it runs (null when idle). */
    private static final class Worker {
        final String name;
        final Caller caller;
        Task held;
        boolean gone;

        Worker(String name, Caller caller) {
            this.name = name;
            this.caller = caller;
        }
    }

    @Override
    public Reply call(String method, Object[] args, Caller caller) throws InterruptedException {
        lock.lock();
        try {
            return switch (method) {
                case "new_job" -> newJob(num(args[0]), (Boolean) args[1]);
                case "submit" -> submit(args);
                case "set_length" -> setLength(num(args[0]), num(args[1]));
                case "next_task" -> nextTask((String) args[0], caller);
                case "task_done" -> taskDone((String) args[0], num(args[1]), num(args[2]),
                        (Boolean) args[3], (byte[]) args[4]);
                case "wait" -> waitReady(num(args[0]), Timeouts.nanos(true, args[1]));
                case "result" -> result(num(args[0]), num(args[1]));
                case "take" -> take(num(args[0]), num(args[1]), Timeouts.nanos(true, args[2]));
                case "take_any" -> takeAny(num(args[0]), Timeouts.nanos(true, args[1]));
                case "forget" -> forget(num(args[0]));
                case "ack" -> forget(num(args[0]));
                case "next_event" -> nextEvent();
                case "finish_events" -> finishEvents();
                case "worker_gone" -> workerGone((String) args[0], num(args[1]));
                case "pending" -> Reply.ok((long) pending.size());
                case "close" -> close();
                case "stop" -> stop();
                default -> Reply.error("AttributeError", "Pool scheduler has no method " + method);
            };
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Caller caller) {
        lock.lock();
        try {
            for (Iterator<Worker> it = workers.values().iterator(); it.hasNext(); ) {
                Worker worker = it.next();
                if (worker.caller.id() == caller.id()) {
                    it.remove();
                    lose(worker, caller.pid());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    private Reply newJob(long length, boolean waitsForCallback) {
        long id = nextJob++;
        Job job = new Job(length, waitsForCallback);
        jobs.put(id, job);
        completedIfDone(id, job);
        return Reply.ok(id);
    }

    private Reply submit(Object[] args) {
        long job = num(args[0]);
        long index = num(args[1]);
        for (int i = 2; i < args.length; i++) {
            pending.addLast(new Task(job, index++, (byte[]) args[i]));
        }
        taskOrStop.signalAll();
        return Reply.ok(null);
    }

    private Reply setLength(long id, long length) {
        Job job = jobs.get(id);
        if (job != null) {
            job.setLength(length);
            completedIfDone(id, job);
            jobsChanged.signalAll();
        }
        return Reply.ok(null);
    }

    private Reply nextTask(String name, Caller caller) throws InterruptedException {
        Worker worker = workers.computeIfAbsent(name, key -> new Worker(key, caller));
        while (!worker.gone && !stopped && pending.isEmpty() && !closed) {
            taskOrStop.await();
        }
        if (worker.gone || stopped || pending.isEmpty()) {
            workers.remove(name, worker);
            return Reply.ok(null);
        }
        worker.held = pending.removeFirst();
        return Reply.ok(worker.held.encode());
    }

    private Reply taskDone(String name, long id, long index, boolean ok, byte[] payload) {
        Worker worker = name == null ? null : workers.get(name);
        if (worker != null) {
            worker.held = null;
        }
        complete(id, index, Outcome.of(ok, payload));
        if (closed && pending.isEmpty()) {
            taskOrStop.signalAll();
        }
        return Reply.ok(null);
    }

    private void complete(long id, long index, byte[] outcome) {
        Job job = jobs.get(id);
        if (job != null && job.complete(index, outcome)) {
            completedIfDone(id, job);
            jobsChanged.signalAll();
        }
    }

    /** A job whose owner runs a callback is announced to the owner's handler once complete. */
    private void completedIfDone(long id, Job job) {
        if (job.allCompleted() && job.waitsForCallback()) {
            events.addLast("ready " + id);
            eventOrStop.signalAll();
        }
    }

    private Reply workerGone(String name, long pid) {
        Worker worker = workers.remove(name);
        if (worker != null) {
            lose(worker, pid);
        }
        return Reply.ok(null);
    }

    /**
     * The worker's process has ended: fail the task it held and wake its pending next_task.
     * After terminate() the pool killed it: its task stays pending, as in CPython.
     */
    private void lose(Worker worker, long pid) {
        worker.gone = true;
        taskOrStop.signalAll();
        if (worker.held != null && !stopped) {
            Task task = worker.held;
            worker.held = null;
            complete(task.job(), task.index(), Outcome.lost("Worker " + worker.name + " (pid " + pid
                    + ") exited while running this task; a new worker replaces it"));
        }
    }

    private Reply waitReady(long id, long nanos) throws InterruptedException {
        long left = nanos;
        while (!ready(id)) {
            if (left <= 0) {
                return Reply.ok(false);
            }
            left = Timeouts.await(jobsChanged, left);
        }
        return Reply.ok(true);
    }

    /** A job is ready once complete and, with a callback, acknowledged (which forgets it). */
    private boolean ready(long id) {
        Job job = jobs.get(id);
        return job == null || job.allCompleted() && !job.waitsForCallback();
    }

    private Reply result(long id, long index) {
        Job job = jobs.get(id);
        byte[] outcome = job == null ? null : job.result(index);
        return outcome == null ? Reply.error("KeyError", "no result for chunk " + index + " of job " + id)
                : Reply.ok(outcome);
    }

    private Reply take(long id, long index, long nanos) throws InterruptedException {
        long left = nanos;
        Job job;
        while ((job = jobs.get(id)) != null && job.result(index) == null && !job.beyondEnd(index)) {
            if (left <= 0) {
                return Reply.ok(TIMED_OUT);
            }
            left = Timeouts.await(jobsChanged, left);
        }
        return taken(id, job == null ? null : job.take(index));
    }

    private Reply takeAny(long id, long nanos) throws InterruptedException {
        long left = nanos;
        Job job;
        byte[] outcome = null;
        while ((job = jobs.get(id)) != null && (outcome = job.takeAny()) == null && !job.allTaken()) {
            if (left <= 0) {
                return Reply.ok(TIMED_OUT);
            }
            left = Timeouts.await(jobsChanged, left);
        }
        return taken(id, outcome);
    }

    /** Once every chunk of an imap has been taken, the job goes. */
    private Reply taken(long id, byte[] outcome) {
        Job job = jobs.get(id);
        if (job != null && job.allTaken()) {
            jobs.remove(id);
        }
        return Reply.ok(outcome);
    }

    private Reply forget(long id) {
        jobs.remove(id);
        jobsChanged.signalAll();
        return Reply.ok(null);
    }

    private Reply nextEvent() throws InterruptedException {
        while (events.isEmpty() && !stopped && !eventsFinished) {
            eventOrStop.await();
        }
        return Reply.ok(stopped ? null : events.pollFirst());
    }

    private Reply finishEvents() {
        eventsFinished = true;
        eventOrStop.signalAll();
        return Reply.ok(null);
    }

    private Reply close() {
        closed = true;
        taskOrStop.signalAll();
        return Reply.ok(null);
    }

    private Reply stop() {
        stopped = true;
        closed = true;
        taskOrStop.signalAll();
        eventOrStop.signalAll();
        jobsChanged.signalAll();
        return Reply.ok(null);
    }
}
