package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalmp.conformance.SampleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spare child JVM prepares to run the main script before its child starts (it imports the
 * standard modules the script imports at module level), and what the child observes stays
 * what CPython's spawn child observes: a module of the script's folder that shadows a standard
 * one is the one imported, a module imported under the main guard is not imported, and a
 * module whose import warns warns in every child. Runs {@code ./graalmp} with a warm pool of
 * one, whatever CI sets, beside {@code python3}.
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
}
