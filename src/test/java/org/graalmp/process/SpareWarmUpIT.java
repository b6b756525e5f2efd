package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalmp.conformance.SampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spare child JVM prepares to run the main script before its child starts (it imports the
 * standard modules the script imports at module level), and what the child observes stays
 * what CPython's spawn child observes: a module of the script's folder that shadows a standard
 * one is the one imported, a module imported under the main guard is not imported, and a
 * module whose import warns warns in every child. A spare that has rehearsed a child's first
 * steps (spawn.rehearse) shows its child nothing of the rehearsal. Runs {@code ./graalmp}
 * with a warm pool of one, whatever CI sets, beside {@code python3}.
 */
class SpareWarmUpIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("graalmp.home", "")).toAbsolutePath()
            .resolve("graalmp");

    private static final String SCRIPT = """
            import warnings
            warnings.simplefilter('always')
            import sys
            import pipes
            import json
            import subprocess
            import multiprocessing as mp
            from collections import OrderedDict

            def child(tag):
                print(tag, json.WHERE, subprocess.__name__, OrderedDict.__name__,
                      'calendar' in sys.modules, flush=True)

            if __name__ == '__main__':
                import calendar
                mp.set_start_method('spawn')
                for tag in ('first', 'second', 'third'):
                    p = mp.Process(target=child, args=(tag,))
                    p.start()
                    p.join()
            """;

    /** The parent waits while its spare boots, prepares and rehearses, then starts a child. */
    private static final String REHEARSED = """
            import time
            import multiprocessing as mp

            def grandchild(q):
                q.put(('grandchild', mp.current_process().name, mp.parent_process().name))

            def child(q):
                me = mp.current_process()
                q.put(('child', me.name, mp.parent_process().name, mp.active_children()))
                g = mp.Process(target=grandchild, args=(q,))
                g.start()
                g.join()
                q.put(('grandchild ended', g.name, g.exitcode, mp.active_children()))

            if __name__ == '__main__':
                mp.set_start_method('spawn')
                q = mp.Queue()
                time.sleep(8)
                p = mp.Process(target=child, args=(q,))
                p.start()
                for _ in range(3):
                    print(q.get(timeout=60))
                p.join()
                print(p.name, p.exitcode, q.empty(), mp.active_children())
            """;

    /** A Manager, then a child that waits; the pids of both go to stdout while both live. */
    private static final String MANAGER_THEN_CHILD = """
            import sys
            import time
            import multiprocessing as mp

            def child(ready, go):
                ready.set()
                go.wait()

            if __name__ == '__main__':
                mp.set_start_method('spawn')
                time.sleep(8)
                with mp.Manager() as manager:
                    ready, go = mp.Event(), mp.Event()
                    p = mp.Process(target=child, args=(ready, go))
                    p.start()
                    ready.wait()
                    print(manager._process.pid, p.pid, flush=True)
                    sys.stdin.readline()
                    go.set()
                    p.join()
            """;

    @TempDir
    Path folder;

    @Test
    void aSparePreparedForTheScriptShowsItsChildWhatCPythonShows() throws Exception {
        // The script's folder is not the working directory, where a spare finds modules itself.
        Path app = Files.createDirectory(folder.resolve("app"));
        Files.writeString(app.resolve("script.py"), SCRIPT);
        Files.writeString(app.resolve("json.py"), "WHERE = 'the script folder'\n");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("GRAALMP_WARM_POOL", "1");
        environment.remove("PYTHONWARNINGS");
        SampleRun graalmp = SampleRun.of(List.of(LAUNCHER.toString(), "app/script.py"), folder, environment);
        SampleRun cpython = SampleRun.of(List.of("python3", "app/script.py"), folder, environment);
        assertAll(graalmp.stdout() + graalmp.stderr(),
                () -> assertFalse(cpython.stdout().isEmpty(), "python3 ran: " + cpython.stderr()),
                () -> assertEquals(cpython.stdout(), graalmp.stdout()),
                () -> assertEquals(cpython.stderr(), graalmp.stderr(), "a warning from the parent and each child"),
                () -> assertEquals(0, graalmp.exitCode()));
    }

    /**
     * The children that use a Manager come right after it, and a child is waited for where a
     * Manager's server is not: the server boots beside the spare rather than in it.
     */
    @Test
    void aManagersServerLeavesTheSpareToTheChildThatFollows() throws Exception {
        Files.writeString(folder.resolve("manager.py"), MANAGER_THEN_CHILD);
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "manager.py")
                .directory(folder.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("GRAALMP_WARM_POOL", "1");
        Process run = builder.start();
        try (BufferedReader out = run.inputReader(); Writer in = run.outputWriter()) {
            String line = out.readLine();
            assertNotNull(line, "the script printed the pids");
            long[] pids = Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray();
            Instant server = startOf(pids[0]);
            Instant child = startOf(pids[1]);
            in.write("\n");
            in.flush();
            assertTrue(child.isBefore(server), "the child's JVM (" + child + ") is the spare booted "
                    + "before the Manager's server (" + server + ")");
        } finally {
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the script ends");
            assertEquals(0, run.exitValue());
        }
    }

    private static Instant startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().startInstant())
                .orElseThrow(() -> new AssertionError("no start time for pid " + pid));
    }

    @Test
    void aChildOfARehearsedSpareSeesWhatCPythonsChildSees() throws Exception {
        Files.writeString(folder.resolve("rehearsed.py"), REHEARSED);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("GRAALMP_WARM_POOL", "1");
        SampleRun graalmp = SampleRun.of(List.of(LAUNCHER.toString(), "rehearsed.py"), folder, environment);
        SampleRun cpython = SampleRun.of(List.of("python3", "rehearsed.py"), folder, environment);
        assertAll(graalmp.stdout() + graalmp.stderr(),
                () -> assertFalse(cpython.stdout().isEmpty(), "python3 ran: " + cpython.stderr()),
                () -> assertEquals(cpython.stdout(), graalmp.stdout(), "names, parents, no item of the rehearsal"),
                () -> assertEquals(cpython.stderr(), graalmp.stderr()),
                () -> assertEquals(0, graalmp.exitCode()));
    }
}
