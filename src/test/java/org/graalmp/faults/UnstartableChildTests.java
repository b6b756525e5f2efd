package org.graalmp.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A child JVM that cannot start: {@code join()} returns with a non-zero exit code, as CPython
 * reports a child that died, and the parent goes on. The fault is injected through
 * {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher reads from the environment: the
 * child's environment is the script's {@code os.environ} at {@code start()}, so only that child
 * (and spares started for the same environment) get it. A child whose main module fails to
 * import is {@code ProcessTests.startingAProcessWhileImportingMainFailsInTheChild}.
 */
@Timeout(300)
class UnstartableChildTests {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a JVM option the JDK refuses               | -XX:+NoSuchGraalmpOption                                         | 1
            the JVM out of memory before main          | -Xmx12m                                                          | 1
            Python out of memory building its context  | -Xmx40m                                                          | 1
            a JVM crash (fatal error) while booting    | -Xmx12m -XX:+CrashOnOutOfMemoryError -XX:-CreateCoredumpOnCrash  | 1
            """)
    void joinReportsAChildJvmThatDiedBooting(String fault, String jvmOptions, int exitCode) throws Exception {
        String errorFile = folder.resolve("hs_err_%p.log").toString();
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, sys, time
                def work(): print('unexpected: the child ran', flush=True)
                if __name__ == '__main__':
                    os.environ['JDK_JAVA_OPTIONS'] = '%s -XX:ErrorFile=%s'
                    p = mp.Process(target=work); began = time.monotonic()
                    p.start(); p.join(120)
                    print(f'noticed={time.monotonic() - began:.2f}', file=sys.stderr)
                    del os.environ['JDK_JAVA_OPTIONS']
                    print(f'exitcode={p.exitcode} alive={p.is_alive()}')
                    q = mp.Process(target=print, args=('the next child runs',)); q.start(); q.join()
                """.formatted(jvmOptions, errorFile));
        KilledChildTests.printNoticed(fault, run);
        assertAll(fault + ": " + run,
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("exitcode=" + exitCode + " alive=False")),
                () -> assertTrue(run.lines().contains("the next child runs")),
                () -> assertTrue(!run.out().contains("unexpected")));
    }

}
