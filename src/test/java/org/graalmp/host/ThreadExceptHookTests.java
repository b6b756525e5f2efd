package org.graalmp.host;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread that dies of an exception, in the root and in a child, is reported as CPython
 * reports it, through graalmp's {@code _thread._excepthook} (GraalPy has none), and
 * {@code import threading} no longer imports traceback.
 */
class ThreadExceptHookTests {

    private static final String SCRIPT = """
            import sys, threading
            import multiprocessing as mp

            def boom():
                raise ValueError('boom in ' + threading.current_thread().name)

            def leave():
                sys.exit(3)

            def die_in_thread(name, target):
                t = threading.Thread(target=target, name=name)
                t.start()
                t.join()

            def collected(args):
                print('hook:', args.exc_type.__name__, args.exc_value, args.thread.name,
                      type(args).__name__, type(args).__module__, len(args), flush=True)

            if __name__ == '__main__':
                print(threading.excepthook is threading.__excepthook__, threading.ExceptHookArgs)
                die_in_thread('parent-worker', boom)
                die_in_thread('leaver', leave)
                p = mp.Process(target=die_in_thread, args=('child-worker', boom))
                p.start(); p.join()
                print('child exitcode', p.exitcode, flush=True)
                threading.excepthook = collected
                die_in_thread('hooked', boom)
                a = threading.ExceptHookArgs([ValueError, ValueError('x'), None, None])
                print(a.exc_type, a.exc_value, a.thread, a == (ValueError, a.exc_value, None, None))
            """;

    @TempDir
    Path folder;

    @Test
    void aDyingThreadIsReportedAsCPythonReportsIt() throws Exception {
        ScriptRun graalmp = ScriptRun.of(folder, SCRIPT);
        Process python;
        try {
            python = new ProcessBuilder("python3", "script.py").directory(folder.toFile()).start();
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "python3 is not available: " + e);
            return;
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        assertAll(graalmp.toString(),
                () -> assertEquals(0, graalmp.status()),
                () -> assertEquals(out, graalmp.out()),
                () -> assertEquals(withoutStdlibFrames(err),
                        withoutStdlibFrames(graalmp.err())));
    }

    @Test
    void importingThreadingLeavesTracebackUnimported() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import sys, threading
                print('traceback' in sys.modules, 'tokenize' in sys.modules)
                """);
        assertEquals(List.of("False False"), run.lines(), run.toString());
    }

    /**
     * A traceback without the frames of threading.py, whose path and line numbers are the
     * interpreter's own (CPython 3.11's or GraalPy's 3.12 library); the script's frames stay.
     */
    private static List<String> withoutStdlibFrames(String stderr) {
        List<String> kept = new ArrayList<>();
        boolean inStdlibFrame = false;
        for (String line : stderr.lines().toList()) {
            if (line.matches(" {2}File \".*/threading\\.py\", line \\d+, in \\w+")) {
                inStdlibFrame = true;
            } else if (!(inStdlibFrame && line.startsWith("    "))) {  // its source and carets
                inStdlibFrame = false;
                kept.add(line);
            }
        }
        return kept;
    }
}
