package org.graalmp.dummy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multiprocessing.dummy: the multiprocessing API over threads, as CPython's behaves. */
class DummyModuleTests {

    @TempDir
    Path folder;

    @Test
    void processesAreThreadsWithExitCodes() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                from multiprocessing.dummy import Process, Queue, active_children
                def work(q, n): q.put(n * 2)
                q = Queue()
                ps = [Process(target=work, args=(q, i)) for i in range(3)]
                print([p.exitcode for p in ps])
                for p in ps: p.start()
                for p in ps: p.join()
                print(sorted(q.get() for _ in range(3)), [p.exitcode for p in ps], active_children())
                """);
        assertEquals(List.of("[None, None, None]", "[0, 2, 4] [0, 0, 0] []"), run.lines(), run.toString());
    }

    @Test
    void pipesListenersAndSharedValuesStayInTheProcess() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing.dummy as d
                from multiprocessing.dummy.connection import Listener, Client
                a, b = d.Pipe()
                a.send([1])
                print(b.poll(), b.recv(), b.poll(0.1))
                print(d.Namespace(x=1, _y=2), d.Value('i', 3), d.Array('i', [1, 2]), d.Manager() is d)
                with Listener() as listener:
                    client = Client(listener.address)
                    server = listener.accept()
                    client.send('hi')
                    print(server.recv())
                """);
        assertEquals(List.of("True [1] False", "Namespace(x=1) <Value('i', 3)> array('i', [1, 2]) True", "hi"),
                run.lines(), run.toString());
    }
}
