package org.graalmp.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Condition and Barrier shared with child JVMs, against CPython's documented behaviour. */
class ConditionAndBarrierTests {

    @TempDir
    Path folder;

    @Test
    void conditionWakesAWaiterInAChildAndChecksOwnership() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def waiter(cond, ready, results):
                    with cond:
                        ready.set()
                        results.put(cond.wait(timeout=60))
                        results.put(cond.wait_for(lambda: True))
                if __name__ == '__main__':
                    cond, ready, results = mp.Condition(), mp.Event(), mp.Queue()
                    try: cond.notify()
                    except AssertionError as e: print('notify unowned:', e)
                    try: cond.wait(0)
                    except AssertionError as e: print('wait unowned:', e)
                    with cond: print('timed out:', cond.wait(0.1))
                    with cond, cond: print('re-entrant wait keeps the depth:', cond.wait(0.05) is False)
                    p = mp.Process(target=waiter, args=(cond, ready, results)); p.start()
                    ready.wait()
                    with cond: cond.notify_all()
                    print('child notified:', results.get(), results.get())
                    p.join()
                    lock = mp.Lock(); plain = mp.Condition(lock)
                    with plain: print('over a Lock:', plain.wait(0.01), lock.acquire(False))
                """);
        assertEquals(List.of(
                "notify unowned: lock is not owned",
                "wait unowned: must acquire() condition before using wait()",
                "timed out: False",
                "re-entrant wait keeps the depth: True",
                "child notified: True True",
                "over a Lock: False False"), run.lines(), run.toString());
    }

    @Test
    void barrierReleasesAllPartiesRunsTheActionOnceAndBreaks() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, threading
                def party(barrier, results):
                    results.put(barrier.wait())
                def action():
                    print('action ran in one process', flush=True)
                if __name__ == '__main__':
                    results = mp.Queue()
                    barrier = mp.Barrier(3, action=action)
                    print(barrier.parties, barrier.n_waiting, barrier.broken)
                    children = [mp.Process(target=party, args=(barrier, results)) for _ in range(2)]
                    for c in children: c.start()
                    mine = barrier.wait()
                    indices = sorted([mine, results.get(), results.get()])
                    for c in children: c.join()
                    print('indices', indices)
                    lonely = mp.Barrier(2, timeout=0.1)
                    try: lonely.wait()
                    except threading.BrokenBarrierError: print('timed out: broken', lonely.broken)
                    lonely.reset(); print('reset: broken', lonely.broken)
                    lonely.abort()
                    try: lonely.wait()
                    except threading.BrokenBarrierError: print('aborted: broken', lonely.broken)
                """);
        assertEquals(List.of(
                "3 0 False",
                "action ran in one process",
                "indices [0, 1, 2]",
                "timed out: broken True",
                "reset: broken False",
                "aborted: broken True"), run.lines(), run.toString());
    }
}
