package org.graalmp.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graalmp's corrections to GraalPy's POSIX layer ({@code _graalmp/posix.py}) name the right
 * processes: {@code os.getpid()}, read once per process, is the root's pid in the root and the
 * child's own in a child (a warm spare reads it before it becomes that child); and
 * {@code os.getppid()}, which GraalPy lacks, is the process that started each. Each
 * corrected function pickles by reference, as the builtin it replaces does (a spare's rehearsal
 * pickles a Process whose target is {@code os.getpid}).
 */
class PosixCorrectionsTests {

    private static final String SCRIPT = """
            import os
            import pickle
            import multiprocessing as mp

            def report(q):
                q.put((os.getpid(), os.getppid()))

            if __name__ == '__main__':
                q = mp.Queue()
                p = mp.Process(target=report, args=(q,))
                p.start()
                child_pid, child_parent = q.get(timeout=120)
                p.join()
                print(os.getpid(), os.getppid())
                print(child_pid == p.pid, child_parent == os.getpid(), child_pid != os.getpid())
                corrected = (os.getpid, os.getppid, os.kill, os.sysconf)
                print([pickle.loads(pickle.dumps(f)) is f for f in corrected])
            """;

    @TempDir
    Path folder;

    @Test
    void getpidAndGetppidNameEachProcessAndItsParent() throws Exception {
        ScriptRun run = ScriptRun.of(folder, SCRIPT);
        ProcessHandle root = ProcessHandle.current();
        String rootLine = root.pid() + " " + root.parent().orElseThrow().pid();
        assertEquals(List.of(rootLine, "True True True", "[True, True, True, True]"), run.lines(), run::toString);
    }
}
