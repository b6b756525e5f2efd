package org.graalmp.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpicklable objects given to {@code Queue.put}, {@code Connection.send}, Pool calls and
 * Manager proxies, in a program with real child JVMs (the pool's workers, the manager's
 * server): each call fails in the caller with CPython 3.11's exception and message, and the
 * object it was called on goes on working.
 *
 * <p>One deliberate difference: CPython's {@code Queue.put} pickles in a feeder thread, which
 * prints the error on stderr and drops the item; graalmp's raises that same error in the caller
 * (see the shim's {@code queues.py}).
 */
class UnpicklableInputTests {

    private static final String SCRIPT = """
            import multiprocessing as mp
            import threading

            def show(what, call):
                try:
                    call()
                    print(what, '-> no error')
                except BaseException as e:
                    print(what, '->', type(e).__name__ + ':', e)

            def square(x):
                return x * x

            def main():
                lock = threading.Lock()
                lam = lambda x: x
                def local(x):
                    return x
                q = mp.Queue()
                show('Queue.put lock', lambda: q.put(lock))
                show('Queue.put lambda', lambda: q.put(lam))
                show('Queue.put local', lambda: q.put(local))
                q.put('after'); print('Queue still works:', q.get(timeout=60))
                a, b = mp.Pipe()
                show('send lock', lambda: a.send(lock))
                show('send lambda', lambda: a.send(lam))
                show('send Event', lambda: a.send(threading.Event()))
                a.send('after'); print('Pipe still works:', b.recv())
                show('SimpleQueue.put lock', lambda: mp.SimpleQueue().put(lock))
                with mp.Pool(1) as pool:
                    show('apply_async(lambda)', lambda: pool.apply_async(lam, (1,)).get(timeout=60))
                    show('apply(square, lock)', lambda: pool.apply(square, (lock,)))
                    show('map(local)', lambda: pool.map(local, [1, 2]))
                    show('starmap(square, lock)', lambda: pool.starmap(square, [(lock,)]))
                    show('imap(square, lock)', lambda: list(pool.imap(square, [lock])))
                    show('map_async(lambda)', lambda: pool.map_async(lam, [1]).get(timeout=60))
                    print('Pool still works:', pool.map(square, [1, 2, 3]))
                with mp.Manager() as m:
                    d = m.dict()
                    show('dict[k] = lock', lambda: d.__setitem__('k', lock))
                    show('list.append(local)', lambda: m.list().append(local))
                    show('Queue.put(lock) via manager', lambda: m.Queue().put(lock))
                    show('m.dict(k=lambda)', lambda: m.dict(k=lam))
                    d['ok'] = 1
                    print('Manager still works:', dict(d))

            if __name__ == '__main__':
                mp.set_start_method('spawn')
                main()
            """;

    /** What CPython 3.11 prints for {@link #SCRIPT}, but for the Queue.put lines (see the class doc). */
    private static final List<String> CPYTHON = List.of(
            "Queue.put lock -> TypeError: cannot pickle '_thread.lock' object",
            "Queue.put lambda -> AttributeError: Can't pickle local object 'main.<locals>.<lambda>'",
            "Queue.put local -> AttributeError: Can't pickle local object 'main.<locals>.local'",
            "Queue still works: after",
            "send lock -> TypeError: cannot pickle '_thread.lock' object",
            "send lambda -> AttributeError: Can't pickle local object 'main.<locals>.<lambda>'",
            "send Event -> TypeError: cannot pickle '_thread.lock' object",
            "Pipe still works: after",
            "SimpleQueue.put lock -> TypeError: cannot pickle '_thread.lock' object",
            "apply_async(lambda) -> AttributeError: Can't pickle local object 'main.<locals>.<lambda>'",
            "apply(square, lock) -> TypeError: cannot pickle '_thread.lock' object",
            "map(local) -> AttributeError: Can't pickle local object 'main.<locals>.local'",
            "starmap(square, lock) -> TypeError: cannot pickle '_thread.lock' object",
            "imap(square, lock) -> TypeError: cannot pickle '_thread.lock' object",
            "map_async(lambda) -> AttributeError: Can't pickle local object 'main.<locals>.<lambda>'",
            "Pool still works: [1, 4, 9]",
            "dict[k] = lock -> TypeError: cannot pickle '_thread.lock' object",
            "list.append(local) -> AttributeError: Can't pickle local object 'main.<locals>.local'",
            "Queue.put(lock) via manager -> TypeError: cannot pickle '_thread.lock' object",
            "m.dict(k=lambda) -> AttributeError: Can't pickle local object 'main.<locals>.<lambda>'",
            "Manager still works: {'ok': 1}");

    @TempDir
    Path folder;

    @Test
    void everyCallRaisesCPythonsPicklingErrorInTheCallerAndGoesOnWorking() throws Exception {
        ScriptRun run = ScriptRun.of(folder, SCRIPT);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(CPYTHON, run.lines()));
    }

    /**
     * Keeps {@link #CPYTHON} honest where python3 is installed: CPython prints the same lines,
     * except that its Queue.put reports the error from its feeder thread, on stderr.
     */
    @Test
    void expectedLinesAreCPythonsOwn() throws Exception {
        Path script = folder.resolve("cpython.py");
        Files.writeString(script, SCRIPT);
        Process python;
        try {
            python = new ProcessBuilder("python3", script.toString()).directory(folder.toFile()).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "python3 is not available: " + e);
            return;
        }
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python3 finished");
        List<String> feederErrors = err.lines().filter(line -> line.matches("^\\w+Error: .*")).toList();
        List<String> queuePuts = CPYTHON.stream().filter(line -> line.startsWith("Queue.put ")).toList();
        assertAll(out + err,
                () -> assertEquals(CPYTHON.stream().filter(line -> !line.startsWith("Queue.put ")).toList(),
                        out.lines().filter(line -> !line.startsWith("Queue.put ")).toList()),
                () -> assertEquals(queuePuts.stream().map(line -> line.substring(line.indexOf("-> ") + 3)).toList(),
                        feederErrors));
    }
}
