package org.graalmp.pool;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalmp.host.GraalmpHome;
import org.graalmp.host.PythonHost;
import org.graalmp.launch.GraalJit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool workers with {@link GraalJit.Mode#ON}: on JDK 25 they run Python with the Graal
 * compiler (Truffle names an optimizing runtime, not "Interpreted"); on an older JDK they fall
 * back to the interpreter. Either way the results are those of the interpreter in the parent.
 */
class PoolJitTests {

    private static final String INTERPRETED = "Interpreted";

    @TempDir
    Path folder;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)  // a JIT worker boots slowly on a loaded machine
    void poolWorkersRunWithTheCompilerWhereTheJdkHasOne() throws Exception {
        Path script = folder.resolve("script.py");
        Files.writeString(script, """
                import multiprocessing as mp, polyglot
                def runtime(_):
                    return polyglot.import_value('graalmp.runtime')
                def cpu_heavy(n):
                    total = 0
                    for i in range(n):
                        total += i * i % 7
                    return total
                if __name__ == '__main__':
                    items = [20_000 + i for i in range(8)]
                    with mp.Pool(2) as pool:
                        print('workers', sorted(set(pool.map(runtime, range(4), chunksize=1))))
                        print('same results', pool.map(cpu_heavy, items, chunksize=1) == [cpu_heavy(n) for n in items])
                    print('parent', runtime(0))
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try (PythonHost host = PythonHost.builder().stdout(out).stderr(out)
                .poolWorkerJit(GraalJit.Mode.ON).build()) {
            status = host.runFile(script, List.of());
        }
        String output = out.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        boolean jdkHasJit = GraalJit.locate(GraalmpHome.locate().root()).isPresent();
        assertAll(output,
                () -> assertEquals(0, status),
                () -> assertEquals(Runtime.version().feature() >= 25, jdkHasJit,
                        "the build copies the compiler to target/jit-lib; JDK 25 finds it"),
                () -> assertTrue(lines.contains("same results True")),
                () -> assertTrue(lines.contains("parent " + INTERPRETED)),
                () -> {
                    String workers = lines.stream().filter(line -> line.startsWith("workers ")).findFirst().orElseThrow();
                    if (jdkHasJit) {
                        assertFalse(workers.contains(INTERPRETED), workers);
                    } else {
                        assertEquals("workers ['" + INTERPRETED + "']", workers);
                    }
                });
    }
}
