package org.graalmp.futures;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard library's concurrent.futures.ProcessPoolExecutor, unchanged, on graalmp's
 * Queue, SimpleQueue, Pipe, Process and connection.wait, with child JVMs as workers.
 */
class ProcessPoolExecutorTests {

    @TempDir
    Path folder;

    @Test
    void submitMapInitializerAndErrorsBehaveAsInCPython() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import concurrent.futures as cf, multiprocessing as mp
                def square(x): return x * x
                def fail(x): raise ValueError('bad %d' % x)
                def init(tag):
                    global TAG
                    TAG = tag
                def tagged(x): return TAG, x
                if __name__ == '__main__':
                    with cf.ProcessPoolExecutor(max_workers=2, initializer=init, initargs=('T',),
                                                mp_context=mp.get_context('spawn')) as ex:
                        print('map', list(ex.map(tagged, range(5), chunksize=2)))
                        print('submit', ex.submit(square, 7).result())
                        try:
                            ex.submit(fail, 3).result()
                        except ValueError as e:
                            print('error', e, type(e.__cause__).__name__, 'fail' in str(e.__cause__))
                        try:
                            ex.submit(square, lambda: 1).result()
                        except Exception as e:
                            print('unpicklable', type(e).__name__)
                        print('still working', ex.submit(square, 5).result())
                """);
        assertEquals(List.of("map [('T', 0), ('T', 1), ('T', 2), ('T', 3), ('T', 4)]", "submit 49",
                "error bad 3 _RemoteTraceback True", "unpicklable PicklingError", "still working 25"),
                run.lines(), run.toString());
    }

    @Test
    void maxTasksPerChildReplacesTheWorker() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import concurrent.futures as cf, os
                def pid(_): return os.getpid()
                if __name__ == '__main__':
                    with cf.ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1) as ex:
                        pids = [ex.submit(pid, i).result() for i in range(3)]
                    print('distinct workers', len(set(pids)), os.getpid() not in pids)
                """);
        assertEquals(List.of("distinct workers 3 True"), run.lines(), run.toString());
    }

    @Test
    void aWorkerThatDiesBreaksThePoolInsteadOfHanging() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import concurrent.futures as cf, os
                from concurrent.futures.process import BrokenProcessPool
                def die(_): os._exit(3)
                def square(x): return x * x
                if __name__ == '__main__':
                    ex = cf.ProcessPoolExecutor(max_workers=2)
                    try:
                        ex.submit(die, 1).result()
                    except BrokenProcessPool as e:
                        print('running task:', e)
                    try:
                        ex.submit(square, 1)
                    except BrokenProcessPool as e:
                        print('new task:', e)
                    ex.shutdown()
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "running task: A process in the process pool was terminated abruptly while the future was "
                                + "running or pending.",
                        "new task: A child process terminated abruptly, the process pool is not usable anymore"),
                        run.lines()));
    }

    @Test
    void simpleQueueCarriesObjectsBetweenProcesses() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                from multiprocessing.connection import Connection, wait
                def echo(inbox, outbox):
                    while (item := inbox.get()) is not None:
                        outbox.put(item * 2)
                if __name__ == '__main__':
                    inbox, outbox = mp.SimpleQueue(), mp.SimpleQueue()
                    p = mp.Process(target=echo, args=(inbox, outbox))
                    p.start()
                    print('empty', outbox.empty(), isinstance(outbox._reader, Connection))
                    for i in range(3):
                        inbox.put(i)
                    print('ready', wait([outbox._reader], timeout=60) == [outbox._reader])
                    print('got', [outbox.get() for _ in range(3)])
                    inbox.put(None)
                    p.join()
                    outbox.close()
                    try:
                        outbox.get()
                    except OSError as e:
                        print('closed', e)
                """);
        assertEquals(List.of("empty True True", "ready True", "got [0, 2, 4]", "closed handle is closed"),
                run.lines(), run.toString());
    }
}
