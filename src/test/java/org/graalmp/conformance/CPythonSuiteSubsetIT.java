package org.graalmp.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bounded part of CPython's own multiprocessing test suite (the classes in
 * {@code cpython-suite/subset.txt}), run by {@code cpython-suite/compare.py --subset --strict}
 * under python3 and ./graalmp: a test that passes under CPython must pass under graalmp.
 */
class CPythonSuiteSubsetIT {

    private static final Path ROOT = Path.of(System.getProperty("graalmp.home", "")).toAbsolutePath();
    private static final Path REPORT = ROOT.resolve("target/cpython-suite/report.md");

    @Test
    void everySubsetTestThatPassesUnderCPythonPassesUnderGraalmp() throws Exception {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PYTHONIOENCODING", "utf-8");
        SampleRun run = SampleRun.of(
                List.of("python3", "cpython-suite/compare.py", "--subset", "--strict", "--timeout", "300"),
                ROOT, environment);
        String report = Files.exists(REPORT) ? Files.readString(REPORT) : "(no report written)";
        System.out.println(report);
        assertAll(run.stderr() + "\n" + report,
                () -> assertFalse(run.timedOut(), "the comparison timed out"),
                () -> assertEquals(0, run.exitCode(), "graalmp-only failures, or the comparison failed"));
    }
}
