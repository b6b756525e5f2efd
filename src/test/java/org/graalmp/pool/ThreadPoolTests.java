package org.graalmp.pool;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multiprocessing.pool.ThreadPool: the same scheduler, workers as threads, nothing pickled. */
class ThreadPoolTests {

    @TempDir
    Path folder;

    @Test
    void threadWorkersRunUnpicklableCallablesInOrder() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, threading
                from multiprocessing.pool import ThreadPool
                seen = set()
                def init(tag): seen.add((tag, threading.current_thread().name))
                if __name__ == '__main__':
                    lock = threading.Lock()
                    with ThreadPool(3, initializer=init, initargs=('t',)) as tp:
                        print(tp)
                        print('map', tp.map(lambda x: x * 2, range(10), chunksize=3))
                        print('unpicklable in and out', tp.apply(lambda l: (l, threading.Lock()), (lock,))[0] is lock)
                        print('same process', tp.apply(os.getpid) == os.getpid(), mp.active_children())
                        print('starmap', tp.starmap(lambda a, b: a - b, [(5, 1), (9, 3)]))
                        print('imap', list(tp.imap(lambda x: -x, range(4))), list(tp.imap(str, range(5), chunksize=2)))
                        print('imap_unordered', sorted(tp.imap_unordered(lambda x: x % 3, range(6), chunksize=2)))
                        gate = threading.Event()
                        it = tp.imap_unordered(lambda x: gate.wait() if x == 0 else x, range(3))
                        first = sorted(it.next(timeout=60) for _ in range(2))
                        gate.set()
                        print('completion order', first, list(it))
                        print('initializer ran per thread', len(seen), all(tag == 't' for tag, _ in seen))
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("<multiprocessing.pool.ThreadPool state=RUN pool_size=3>",
                        "map [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]", "unpicklable in and out True", "same process True []",
                        "starmap [4, 6]", "imap [0, -1, -2, -3] ['0', '1', '2', '3', '4']",
                        "imap_unordered [0, 0, 1, 1, 2, 2]", "completion order [1, 2] [True]",
                        "initializer ran per thread 3 True"), run.lines()));
    }

    @Test
    void errorsCallbacksTimeoutsAndLifecycle() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, threading
                from multiprocessing.pool import ThreadPool
                def fail(x): raise LookupError(x)
                if __name__ == '__main__':
                    tp = ThreadPool(2)
                    try: tp.map(fail, [1, 2])
                    except LookupError as e: print('error', repr(e), e.__cause__)
                    got, errors = [], []
                    r = tp.apply_async(lambda: threading.current_thread() is threading.main_thread(), callback=got.append)
                    e = tp.apply_async(fail, (3,), error_callback=errors.append)
                    print('callbacks', r.get(), got, e.wait(), errors, e.successful())
                    gate = threading.Event()
                    r = tp.apply_async(gate.wait)
                    try: r.get(timeout=0.1)
                    except mp.TimeoutError: print('timeout', r.ready())
                    try: r.successful()
                    except ValueError as ex: print('not ready:', str(ex).endswith('not ready'))
                    gate.set()
                    print('then', r.get(), r.successful())
                    tp.close()
                    try: tp.apply(print)
                    except ValueError as ex: print(ex)
                    tp.join()
                    print(tp, [t.is_alive() for t in tp._pool])
                    with ThreadPool(1) as tp:
                        pass
                    tp.join()
                    print(tp)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("error LookupError(1) None", "callbacks False [False] None [LookupError(3)] False",
                        "timeout False", "not ready: True", "then True True", "Pool not running",
                        "<multiprocessing.pool.ThreadPool state=CLOSE pool_size=2> [False, False]",
                        "<multiprocessing.pool.ThreadPool state=TERMINATE pool_size=1>"), run.lines()));
    }
}
