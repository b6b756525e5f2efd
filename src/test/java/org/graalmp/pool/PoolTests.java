package org.graalmp.pool;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multiprocessing.Pool with real worker JVMs, against CPython's behaviour. */
class PoolTests {

    @TempDir
    Path folder;

    @Test
    void applyAndApplyAsyncWithCallbacksTimeoutsAndReadiness() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, threading, time
                def sq(x): return x * x
                def slow(x):
                    time.sleep(x); return x
                def fail(x): raise KeyError(x)
                if __name__ == '__main__':
                    with mp.Pool(2) as p:
                        print('apply', p.apply(sq, (7,)), p.apply(pow, (2,), {'exp': 10}))
                        got, errors, threads = [], [], []
                        r = p.apply_async(sq, (3,), callback=lambda v: (got.append(v), threads.append(threading.current_thread() is threading.main_thread())))
                        print('callback before get returns', r.get(), got, threads)
                        e = p.apply_async(fail, (5,), callback=got.append, error_callback=errors.append)
                        e.wait()
                        print('error_callback', [repr(x) for x in errors], e.successful(), got)
                        s = p.apply_async(slow, (3,))
                        try: s.successful()
                        except ValueError as ex: print('not ready:', str(ex).endswith('not ready'))
                        print('ready', s.ready())
                        try: s.get(timeout=0.2)
                        except mp.TimeoutError as ex: print('timeout', type(ex).__module__, type(ex).__name__)
                        s.wait(0.1); print('after short wait', s.ready())
                        print('get', s.get(), s.ready(), s.successful())
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("apply 49 1024", "callback before get returns 9 [9] [False]",
                        "error_callback ['KeyError(5)'] False [9]", "not ready: True", "ready False",
                        "timeout multiprocessing.context TimeoutError", "after short wait False", "get 3 True True"),
                        run.lines()));
    }

    @Test
    void mapStarmapAndImapKeepTheirOrderWithAnyChunksize() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time
                gates = None
                def init(events):
                    global gates
                    gates = events
                def slow_first(x):
                    time.sleep(1.5 if x == 0 else 0)
                    return x * 10
                def gated(x):
                    if x <= 0: gates[-x].wait()
                    return x * 10
                if __name__ == '__main__':
                    gates = [mp.Event(), mp.Event()]
                    with mp.Pool(2, initializer=init, initargs=(gates,)) as p:
                        print('map', p.map(slow_first, range(10)) == [x * 10 for x in range(10)])
                        print('map chunks', p.map(slow_first, range(7), chunksize=3))
                        print('map generator', p.map(abs, (x for x in (-1, -2))))
                        print('starmap', p.starmap(pow, [(2, 3), (3, 2), (10, 0)], chunksize=2))
                        done = []
                        r = p.starmap_async(divmod, [(7, 2)], callback=done.append)
                        print('starmap_async', r.get(), done)
                        r = p.map_async(abs, [-3, -4], callback=done.append)
                        print('map_async', r.get(), done)
                        print('empty map', p.map(abs, []), p.map_async(abs, [], callback=done.append).get(), done[-1])
                        it = p.imap(slow_first, range(4))
                        print('imap', type(it).__name__, list(it))
                        print('imap chunks', list(p.imap(slow_first, range(5), chunksize=2)))
                        it = p.imap_unordered(gated, range(4))
                        first = sorted(it.next(timeout=300) for _ in range(3))
                        gates[0].set()
                        print('imap_unordered', type(it).__name__, first, 'then the gated one', list(it))
                        print('imap_unordered chunks', sorted(p.imap_unordered(slow_first, range(5), chunksize=2)))
                        it = p.imap(gated, [-1, 2])
                        try: it.next(timeout=0.1)
                        except mp.TimeoutError: print('imap next timeout')
                        gates[1].set()
                        print('then', list(it))
                        try: p.imap(abs, [1], chunksize=0)
                        except ValueError as e: print(e)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("map True", "map chunks [0, 10, 20, 30, 40, 50, 60]", "map generator [1, 2]",
                        "starmap [8, 9, 1]", "starmap_async [(3, 1)] [[(3, 1)]]",
                        "map_async [3, 4] [[(3, 1)], [3, 4]]", "empty map [] [] [3, 4]",
                        "imap IMapIterator [0, 10, 20, 30]", "imap chunks [0, 10, 20, 30, 40]",
                        "imap_unordered IMapUnorderedIterator [10, 20, 30] then the gated one [0]",
                        "imap_unordered chunks [0, 10, 20, 30, 40]", "imap next timeout", "then [-10, 20]",
                        "Chunksize must be 1+, not 0"), run.lines()));
    }

    @Test
    void aWorkersExceptionIsRaisedByGetWithTheRemoteTracebackAsItsCause() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, threading
                def fail(x):
                    if x == 3: raise ValueError('bad item %d' % x)
                    return x
                def lock(x): return threading.Lock()
                if __name__ == '__main__':
                    with mp.Pool(2) as p:
                        try: p.map(fail, range(6), chunksize=1)
                        except ValueError as e:
                            cause = e.__cause__
                            print('error', repr(e), type(cause).__module__, type(cause).__name__)
                            print('cause text', str(cause).startswith('\\n\"\"\"\\nTraceback (most recent call last):'),
                                  "raise ValueError('bad item %d' % x)" in str(cause), str(cause).endswith('ValueError: bad item 3\\n\"\"\"'))
                        try: p.apply(lock, (1,))
                        except Exception as e:
                            print(type(e).__module__, type(e).__name__, str(e).startswith("Error sending result: '<unlocked"))
                            print(str(e).endswith("Reason: 'TypeError(\\"cannot pickle '_thread.LockType' object\\")'")
                                  or str(e).endswith("Reason: 'TypeError(\\"cannot pickle '_thread.lock' object\\")'"))
                        try: p.map(lambda x: x, [1])
                        except Exception as e: print(type(e).__name__)
                        p.apply(fail, (3,))
                """);
        assertAll(run.toString(),
                () -> assertEquals(1, run.status()),
                () -> assertEquals(List.of("error ValueError('bad item 3') multiprocessing.pool RemoteTraceback",
                        "cause text True True True", "multiprocessing.pool MaybeEncodingError True", "True",
                        "PicklingError"), run.lines()),
                () -> assertTrue(run.err().startsWith("multiprocessing.pool.RemoteTraceback: \n\"\"\"\nTraceback"), run.err()),
                () -> assertTrue(run.err().contains("\n\"\"\"\n\nThe above exception was the direct cause of the following exception:\n\n"
                        + "Traceback (most recent call last):\n"), run.err()),
                () -> assertTrue(run.err().endsWith("ValueError: bad item 3\n"), run.err()));
    }

    @Test
    void maxtasksperchildReplacesWorkersWithNewProcesses() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os
                def who(x): return os.getpid(), mp.current_process().name
                if __name__ == '__main__':
                    p = mp.Pool(2, maxtasksperchild=1)
                    print(sorted(w.name for w in p._pool), all(w.daemon for w in p._pool))
                    got = p.map(who, range(4), chunksize=1)
                    print('distinct pids', len({pid for pid, _ in got}), 'distinct names', len({n for _, n in got}))
                    print('names', all(n.startswith('SpawnPoolWorker-') for _, n in got))
                    p.close(); p.join()
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("['SpawnPoolWorker-1', 'SpawnPoolWorker-2'] True", "distinct pids 4 distinct names 4",
                        "names True"), run.lines()));
    }

    @Test
    void aWorkerKilledMidTaskFailsThatTaskAndIsReplaced() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, time
                started = None
                def init(q):
                    global started
                    started = q
                def hang(x):
                    started.put(os.getpid())
                    time.sleep(600)
                def sq(x): return x * x
                if __name__ == '__main__':
                    q = mp.Queue()
                    p = mp.Pool(1, initializer=init, initargs=(q,))
                    first = p._pool[0]
                    r = p.apply_async(hang, (1,))
                    later = p.map_async(sq, range(5))
                    print('the worker runs it', q.get() == first.pid)
                    first.kill()
                    try: r.get(300)
                    except Exception as e: print(type(e).__module__, type(e).__name__, e)
                    print('later tasks', later.get(300))
                    print('replaced', p._pool[0].name, p._pool[0].pid != first.pid, first.exitcode)
                    p.close(); p.join()
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("the worker runs it True",
                        "multiprocessing.pool WorkerLostError Worker SpawnPoolWorker-1 (pid " + pidIn(run)
                                + ") exited while running this task; a new worker replaces it",
                        "later tasks [0, 1, 4, 9, 16]", "replaced SpawnPoolWorker-2 True -9"), run.lines()));
    }

    private static String pidIn(ScriptRun run) {
        String line = run.lines().size() > 1 ? run.lines().get(1) : "";
        int start = line.indexOf("(pid ") + 5;
        return start < 5 ? "?" : line.substring(start, line.indexOf(')', start));
    }

    @Test
    void closeJoinTerminateAndTheContextManager() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time
                def sq(x): return x * x
                def slow(x):
                    time.sleep(0.5); return x
                if __name__ == '__main__':
                    p = mp.Pool(2)
                    print(p)
                    try: p.join()
                    except ValueError as e: print(e)
                    rs = [p.apply_async(slow, (i,)) for i in range(4)]
                    p.close()
                    print(p)
                    for call in (lambda: p.apply(sq, (1,)), lambda: p.map(sq, [1]), lambda: p.imap(sq, [1])):
                        try: call()
                        except ValueError as e: print(e)
                    p.join()
                    print('closed pool finished its tasks', [r.get(0) for r in rs], [w.exitcode for w in p._pool])
                    with mp.Pool(2) as p:
                        print('inside', p.map(sq, [1, 2]))
                        r = p.apply_async(slow, (60,))
                    print(p, 'workers stopped', [w.exitcode for w in p._pool], r.ready())
                    try:
                        with p: pass
                    except ValueError as e: print(e)
                    p.join()
                    q = mp.Pool(1); q.terminate(); q.join(); print(q)
                    for bad in ({'processes': 0}, {'maxtasksperchild': 0}, {'initializer': 3}):
                        try: mp.Pool(**bad)
                        except (ValueError, TypeError) as e: print(type(e).__name__, e)
                    left = mp.Pool(2)
                    print(left.apply(sq, (3,)))
                    print('pids', *[w.pid for w in left._pool])
                """);
        List<String> lines = run.lines();
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("<multiprocessing.pool.Pool state=RUN pool_size=2>", "Pool is still running",
                        "<multiprocessing.pool.Pool state=CLOSE pool_size=2>", "Pool not running", "Pool not running",
                        "Pool not running", "closed pool finished its tasks [0, 1, 2, 3] [0, 0]", "inside [1, 4]",
                        "<multiprocessing.pool.Pool state=TERMINATE pool_size=2> workers stopped [-15, -15] False",
                        "Pool not running", "<multiprocessing.pool.Pool state=TERMINATE pool_size=1>",
                        "ValueError Number of processes must be at least 1",
                        "ValueError maxtasksperchild must be a positive int or None",
                        "TypeError initializer must be a callable", "9"), lines.subList(0, lines.size() - 1)),
                () -> assertTrue(lines.get(lines.size() - 1).startsWith("pids ")));
        // A pool left running at exit leaves no worker JVM behind.
        for (String pid : lines.get(lines.size() - 1).substring(5).split(" ")) {
            assertFalse(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false), pid);
        }
    }
}
