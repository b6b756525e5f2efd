package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalmp.ipc.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code os.kill} of processes GraalPy did not spawn: {@link ProcessSignals} directly, on a
 * {@code sleep} process, and through a script that signals its children as CPython's would.
 */
class ProcessSignalsTests {

    private static final int SIGUSR1 = 10;
    private static final int SIGTERM = 15;
    /** How a shell reports a process ended by signal N. */
    private static final int KILLED_BY = 128;

    @TempDir
    Path folder;

    private Process sleeper;

    @AfterEach
    void stopSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void signalZeroTellsWhetherAProcessExists() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        assertEquals(Reply.ok(null), ProcessSignals.send(sleeper.pid(), 0));
        sleeper.destroyForcibly().waitFor();
        assertEquals(Reply.error("ProcessLookupError", "[Errno 3] No such process"),
                ProcessSignals.send(sleeper.pid(), 0));
    }

    @Test
    void termAndOtherSignalsReachTheProcess() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        assertEquals(Reply.ok(null), ProcessSignals.send(sleeper.pid(), SIGTERM));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
        assertEquals(KILLED_BY + SIGTERM, sleeper.exitValue());

        sleeper = new ProcessBuilder("sleep", "60").start();
        assertEquals(Reply.ok(null), ProcessSignals.send(sleeper.pid(), SIGUSR1));
        assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
        assertEquals(KILLED_BY + SIGUSR1, sleeper.exitValue());
    }

    @Test
    void aSignalLinuxDoesNotHaveIsAnInvalidArgument() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        Reply invalid = Reply.error("OSError", "[Errno 22] Invalid argument");
        assertAll(
                () -> assertEquals(invalid, ProcessSignals.send(sleeper.pid(), 99)),
                () -> assertEquals(invalid, ProcessSignals.send(sleeper.pid(), -1)),
                () -> assertTrue(sleeper.isAlive()));
    }

    @Test
    void aScriptSignalsItsChildrenWithOsKillAsCPythonDoes() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, signal, time
                def nap(): time.sleep(60)
                def outcome(call):
                    try:
                        return repr(call())
                    except OSError as e:
                        return f'{type(e).__name__}: {e}'
                if __name__ == '__main__':
                    for sig in (signal.SIGTERM, signal.SIGKILL, signal.SIGUSR1):
                        p = mp.Process(target=nap); p.start()
                        alive = outcome(lambda: os.kill(p.pid, 0))
                        bad = outcome(lambda: os.kill(p.pid, 99))
                        sent = outcome(lambda: os.kill(p.pid, sig))
                        p.join(30)
                        gone = outcome(lambda: os.kill(p.pid, 0))
                        print(f'{sig.name}: alive={alive} bad={bad} sent={sent} exitcode={p.exitcode} after={gone}')
                """);
        String rest = " bad=OSError: [Errno 22] Invalid argument sent=None exitcode=%d"
                + " after=ProcessLookupError: [Errno 3] No such process";
        assertEquals(List.of(
                "SIGTERM: alive=None" + rest.formatted(-15),
                "SIGKILL: alive=None" + rest.formatted(-9),
                "SIGUSR1: alive=None" + rest.formatted(-10)), run.lines(), run.toString());
    }

    @Test
    void aProcessSignalsItselfAsCPythonDoes() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, signal, time
                def die(): os.kill(os.getpid(), signal.SIGKILL)
                if __name__ == '__main__':
                    caught = []
                    signal.signal(signal.SIGUSR1, lambda number, frame: caught.append(number))
                    print('exists:', os.kill(os.getpid(), 0))
                    os.kill(os.getpid(), signal.SIGUSR1)
                    for _ in range(100):
                        if caught: break
                        time.sleep(0.1)
                    print('handled:', caught == [signal.SIGUSR1])
                    p = mp.Process(target=die); p.start(); p.join()
                    print('exitcode:', p.exitcode)
                """);
        assertEquals(List.of("exists: None", "handled: True", "exitcode: -9"), run.lines(), run.toString());
    }

    @Test
    void aChildMayInstallItsOwnHandlersAsInCPython() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, signal, time
                def ignore_interrupts():
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                def square(x):
                    return x * x
                def exit_with_3(number, frame):
                    raise SystemExit(3)
                def wait_for_a_signal(q, install):
                    install()
                    q.put('ready')
                    for _ in range(600):
                        time.sleep(0.1)
                def handle_term():
                    signal.signal(signal.SIGTERM, exit_with_3)
                if __name__ == '__main__':
                    with mp.Pool(2, initializer=ignore_interrupts) as pool:
                        print('map:', pool.map(square, range(4)))
                    q = mp.Queue()
                    p = mp.Process(target=wait_for_a_signal, args=(q, handle_term)); p.start()
                    print(q.get(timeout=60))
                    p.terminate(); p.join(30)
                    print('terminated, exitcode:', p.exitcode)
                    p = mp.Process(target=wait_for_a_signal, args=(q, ignore_interrupts)); p.start()
                    print(q.get(timeout=60))
                    os.kill(p.pid, signal.SIGINT); time.sleep(1)
                    print('alive after SIGINT:', p.is_alive())
                    p.terminate(); p.join(30)
                    print('exitcode:', p.exitcode)
                """);
        assertEquals(List.of("map: [0, 1, 4, 9]", "ready", "terminated, exitcode: 3", "ready",
                "alive after SIGINT: True", "exitcode: -15"), run.lines(), run.toString());
    }
}
