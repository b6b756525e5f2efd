package org.graalmp.reliability;

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
 * Messages longer than graalmp's limit (an eighth of the heap: 64 MiB under {@code -Xmx512m}, a
 * little less with the serial collector, whose usable heap is a survivor space less)
 * are refused in the sender with {@code OSError(EMSGSIZE)} before anything is copied or sent,
 * on every path between processes, and what they were sent on goes on working. Runs through
 * {@code ./graalmp} because the limit follows the heap, which a test JVM cannot change.
 */
class OversizedMessageIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("graalmp.home", "")).toAbsolutePath()
            .resolve("graalmp");

    private static final String SCRIPT = """
            import multiprocessing as mp
            import re

            LIMIT = 64 * 1024 * 1024
            big = b'x' * (LIMIT + 1)

            def show(what, call):
                try:
                    call()
                    print(what, '-> no error')
                except BaseException as e:
                    named = re.search(r'at most (\\d+) bytes', str(e))
                    limit = bool(named) and LIMIT * 7 // 8 < int(named.group(1)) <= LIMIT
                    print(what, '->', type(e).__name__, getattr(e, 'errno', None), limit)

            def big_result(n):
                return b'y' * n

            if __name__ == '__main__':
                q = mp.Queue()
                show('Queue.put', lambda: q.put(big))
                q.put('after'); print('Queue still works:', q.get(timeout=60))
                a, b = mp.Pipe()
                show('send_bytes', lambda: a.send_bytes(big))
                show('send', lambda: a.send(big))
                a.send('after'); print('Pipe still works:', b.recv())
                show('Process args', lambda: mp.Process(target=len, args=(big,)).start())
                with mp.Pool(1) as pool:
                    show('apply(len, big)', lambda: pool.apply(len, (big,)))
                    try:
                        pool.apply(big_result, (LIMIT + 1,))
                    except mp.pool.MaybeEncodingError as e:
                        print('big result -> MaybeEncodingError', 'Message too long' in str(e))
                    print('Pool still works:', pool.map(len, ['ab', 'c']))
                with mp.Manager() as m:
                    d = m.dict()
                    show('dict[k] = big', lambda: d.__setitem__('k', big))
                    chunks = m.list()
                    for i in range(5):  # distinct objects: pickle would write one object once
                        chunks.append(bytes([65 + i]) * (LIMIT // 4))
                    show('manager reply', lambda: chunks[:])
                    d['ok'] = 1
                    print('Manager still works:', dict(d), len(chunks))
            """;

    @TempDir
    Path folder;

    @Test
    void everySenderRefusesAMessageOverTheLimitAndGoesOnWorking() throws Exception {
        Path script = folder.resolve("oversized.py");
        Files.writeString(script, SCRIPT);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("GRAALMP_JAVA_OPTS", "-Xmx512m");
        SampleRun run = SampleRun.of(List.of(LAUNCHER.toString(), script.toString()), folder, environment);
        assertAll(run.toString(),
                () -> assertFalse(run.timedOut(), "finished"),
                () -> assertEquals(0, run.exitCode()),
                () -> assertEquals("", run.stderr()),
                () -> assertEquals(List.of(
                        "Queue.put -> OSError 90 True",
                        "Queue still works: after",
                        "send_bytes -> OSError 90 True",
                        "send -> OSError 90 True",
                        "Pipe still works: after",
                        "Process args -> OSError 90 True",
                        "apply(len, big) -> OSError 90 True",
                        "big result -> MaybeEncodingError True",
                        "Pool still works: [2, 1]",
                        "dict[k] = big -> OSError 90 True",
                        "manager reply -> OSError 90 True",
                        "Manager still works: {'ok': 1} 5"), run.stdout().lines().toList()));
    }
}
