package org.graalmp.sync;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue, Lock, RLock, Semaphore and Event driven from two or more child JVMs, against
 * CPython's documented behaviour.
 */
class PrimitivesAcrossProcessesTests {

    @TempDir
    Path folder;

    @Test
    void tenThousandItemsFromTwoProducersReachTwoConsumersOnceEach() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def produce(q, tag, n):
                    for i in range(n):
                        q.put((tag, i))
                def consume(q, results):
                    got = []
                    while (item := q.get()) is not None:
                        got.append(item)
                    results.put(got)
                if __name__ == '__main__':
                    q, results = mp.Queue(), mp.Queue()
                    producers = [mp.Process(target=produce, args=(q, t, 5000)) for t in 'ab']
                    consumers = [mp.Process(target=consume, args=(q, results)) for _ in range(2)]
                    for p in producers + consumers: p.start()
                    for p in producers: p.join()
                    q.put(None); q.put(None)
                    got = results.get() + results.get()
                    for c in consumers: c.join()
                    print('received', len(got), 'distinct', len(set(got)))
                    print('complete', set(got) == {(t, i) for t in 'ab' for i in range(5000)})
                    in_order = all([i for t2, i in got if t2 == t] == sorted(i for t2, i in got if t2 == t) for t in 'ab')
                    print('fifo per producer within a consumer', in_order)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("received 10000 distinct 10000")),
                () -> assertTrue(run.lines().contains("complete True")));
    }

    @Test
    void queueErrorsAndTimeoutsInAChild() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, queue, time
                def child(q, bounded):
                    t = time.monotonic()
                    try: q.get(timeout=0.3)
                    except queue.Empty: print('empty after timeout', time.monotonic() - t >= 0.3)
                    try: q.get_nowait()
                    except queue.Empty: print('empty without blocking')
                    bounded.put('x')
                    try: bounded.put('y', block=False)
                    except queue.Full: print('full without blocking')
                    try: q.put(mp.Queue())
                    except RuntimeError as e: print(e)
                    q.close()
                    try: q.put(1)
                    except ValueError as e: print('closed:', str(e).endswith('is closed'))
                if __name__ == '__main__':
                    q, bounded = mp.Queue(), mp.Queue(1)
                    p = mp.Process(target=child, args=(q, bounded)); p.start(); p.join()
                    print('parent sees', bounded.get(), bounded.empty(), p.exitcode)
                    item = [1]
                    q.put(item); item.append(2)
                    print('pickled at put', q.get())
                """);
        assertAll(run.toString(),
                () -> assertEquals(List.of("empty after timeout True", "empty without blocking", "full without blocking",
                        "Queue objects should only be shared between processes through inheritance", "closed: True",
                        "parent sees x True 0", "pickled at put [1]"), run.lines()));
    }

    @Test
    void aChildMayWaitWithATimeoutTooLargeForALong() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def child(lock, q):
                    print('lock', lock.acquire(timeout=2**70)); lock.release()
                    q.put('item', timeout=2**70)
                    print('queue', q.get(timeout=2**70))
                if __name__ == '__main__':
                    lock, q = mp.Lock(), mp.Queue()
                    p = mp.Process(target=child, args=(lock, q)); p.start(); p.join()
                    print('exitcode', p.exitcode)
                """);
        assertEquals(List.of("lock True", "queue item", "exitcode 0"), run.lines(), run.toString());
    }

    @Test
    void locksSemaphoresAndEventsWorkBetweenProcesses() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time
                def hold(lock, held, release):
                    with lock:
                        held.set()
                        release.wait()
                def count(lock, total, times):
                    for _ in range(times):
                        with lock:
                            n = total.get(); total.put(n + 1)
                if __name__ == '__main__':
                    lock, held, release = mp.Lock(), mp.Event(), mp.Event()
                    p = mp.Process(target=hold, args=(lock, held, release)); p.start()
                    print('event wait', held.wait(120))
                    print('busy lock', lock.acquire(timeout=0.2))
                    release.set(); p.join()
                    print('free lock', lock.acquire(timeout=5)); lock.release()
                    total = mp.Queue(); total.put(0)
                    workers = [mp.Process(target=count, args=(lock, total, 200)) for _ in range(2)]
                    for w in workers: w.start()
                    for w in workers: w.join()
                    print('counted', total.get())
                    s = mp.BoundedSemaphore(2); s.acquire(); s.release()
                    try: s.release()
                    except ValueError as e: print('bounded:', e)
                    s = mp.Semaphore(0); print('semaphore', s.acquire(timeout=0.1), s.get_value())
                    ev = mp.Event(); print('unset wait', ev.wait(0.1), ev.is_set())
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("event wait True", "busy lock False", "free lock True", "counted 400",
                        "bounded: semaphore or lock released too many times", "semaphore False 0",
                        "unset wait False False"), run.lines()));
    }

    @Test
    void anRLockCountsTheLevelsItsHolderTakesAcrossAConditionWait() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, threading, time
                def notify(lock, cond):
                    with cond:
                        print('child', lock._is_mine(), lock._count(), flush=True)
                        cond.notify_all()
                if __name__ == '__main__':
                    lock = mp.RLock()
                    print('taken', lock.acquire(), lock.acquire(False), lock.acquire(timeout=1), lock._count())
                    lock.release(); lock.release(); lock.release()
                    try: lock.release()
                    except AssertionError as e: print('free:', e)
                    cond, seen = mp.Condition(lock), []
                    def waiter():
                        with cond, cond:
                            seen.append(lock._count()); cond.wait(60); seen.append(lock._count())
                    t = threading.Thread(target=waiter); t.start()
                    while not seen: time.sleep(0.05)  # the waiter holds the lock, or waits and lets go
                    with lock, lock:
                        seen.append(lock._count()); cond.notify()
                    t.join()
                    print('thread levels', seen, lock._count())
                    lock.acquire(); lock.acquire()
                    def other():
                        try: lock.release()
                        except AssertionError as e: seen.append(str(e))
                    t = threading.Thread(target=other); t.start(); t.join()
                    print('other thread:', seen[-1])
                    with cond:
                        p = mp.Process(target=notify, args=(lock, cond)); p.start()
                        print('notified', cond.wait(60), lock._count())
                    lock.release(); lock.release(); p.join()
                    print('after', lock._count(), repr(lock))
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("taken True True True 3",
                        "free: attempt to release recursive lock not owned by thread",
                        "thread levels [2, 2, 2] 0",
                        "other thread: attempt to release recursive lock not owned by thread",
                        "child True 1", "notified True 3", "after 0 <RLock(None, 0)>"), run.lines()));
    }
}
