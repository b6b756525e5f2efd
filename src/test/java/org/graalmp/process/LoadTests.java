package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.graalmp.host.PythonHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: many children at once, a million Queue items, hundreds of children started and
 * stopped. Each test has a short variant for the normal test run and the full one under
 * {@code mvn -B verify -Pstress} (system property {@code graalmp.stress=true}). Figures go to
 * standard output, for the README; the assertions are about correctness, never about time.
 */
class LoadTests {

    private static final boolean STRESS = Boolean.getBoolean("graalmp.stress");
    /** How long the warm pool may take to refill (a spare boots in 2-6 s alone, longer on a busy machine). */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    /** Every child alive and blocked at once, and started without running out of memory. */
    @Test
    void manyChildrenAreAliveAtOnce() throws Exception {
        int children = STRESS ? 64 : 16;
        ScriptRun run;
        MemoryWatch.Figures figures;
        long start = System.nanoTime();
        try (MemoryWatch watch = MemoryWatch.start()) {
            run = ScriptRun.of(folder, """
                    import multiprocessing as mp, os
                    def child(q, release):
                        q.put(os.getpid())
                        release.wait()
                    if __name__ == '__main__':
                        q, release = mp.Queue(), mp.Event()
                        # daemons: if one never starts, the failed test does not wait for the others
                        children = [mp.Process(target=child, args=(q, release), daemon=True) for _ in range(%d)]
                        for p in children:
                            p.start()
                        pids = {q.get(timeout=600) for _ in children}
                        print('alive', sum(p.is_alive() for p in children), 'distinct', len(pids),
                              'ours', pids == {p.pid for p in children}, flush=True)
                        release.set()
                        for p in children:
                            p.join(300)
                        print('exitcodes', sorted({p.exitcode for p in children}))
                    """.formatted(children));
            figures = watch.figures();
        }
        System.out.printf("LoadTests: %d children alive at once in %.0f s; %s%n",
                children, (System.nanoTime() - start) / 1e9, figures);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("alive " + children + " distinct " + children + " ours True",
                        "exitcodes [0]"), run.lines()));
    }

    /**
     * 4 producers and 4 consumers; every item is unique, each consumer writes what it got to
     * a file, and the multiset of all of them must be exactly the items put: none lost, none
     * delivered twice.
     */
    @Test
    void queueDeliversEveryItemExactlyOnce() throws Exception {
        int items = STRESS ? 1_000_000 : 20_000;
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, time
                ITEMS, PRODUCERS, CONSUMERS = %d, 4, 4
                def produce(q, first):
                    for item in range(first, ITEMS, PRODUCERS):
                        q.put(item)
                def consume(q, path):
                    got = []
                    while (item := q.get()) is not None:
                        got.append(item)
                    with open(path, 'w') as f:
                        f.write('\\n'.join(map(str, got)))
                if __name__ == '__main__':
                    q = mp.Queue()
                    here = os.path.dirname(os.path.abspath(__file__))
                    consumers = [mp.Process(target=consume, args=(q, os.path.join(here, f'got-{c}.txt')))
                                 for c in range(CONSUMERS)]
                    producers = [mp.Process(target=produce, args=(q, k)) for k in range(PRODUCERS)]
                    for p in consumers + producers:
                        p.start()
                    began = time.monotonic()
                    for p in producers:
                        p.join()
                    for _ in consumers:
                        q.put(None)
                    for p in consumers:
                        p.join()
                    print(f'moved in {time.monotonic() - began:.1f} s (from all started to all joined)')
                    print('exitcodes', sorted({p.exitcode for p in consumers + producers}))
                """.formatted(items));
        long[] got = gotItems();
        System.out.printf("LoadTests: %,d Queue items, 4 producers and 4 consumers, %s%n", items, run.lines());
        long[] expected = LongStream.range(0, items).toArray();
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.out().contains("exitcodes [0]")),
                () -> assertEquals(items, got.length, "items delivered"),
                () -> assertTrue(Arrays.equals(expected, got), () -> "lost or duplicated: " + difference(expected, got)));
    }

    private long[] gotItems() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("got-"))
                    .flatMap(LoadTests::lines)
                    .filter(line -> !line.isEmpty())
                    .mapToLong(Long::parseLong)
                    .sorted()
                    .toArray();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first few items missing from {@code got}, and those in it more than once. */
    private static String difference(long[] expected, long[] got) {
        Set<Long> seen = new java.util.HashSet<>();
        List<Long> twice = Arrays.stream(got).filter(item -> !seen.add(item)).limit(10).boxed().toList();
        List<Long> missing = Arrays.stream(expected).filter(item -> !seen.contains(item)).limit(10).boxed().toList();
        return "missing " + missing + ", duplicated " + twice;
    }

    /**
     * Children started and stopped one after another, half of them ending on their own and half
     * terminated while blocked, leave the root as they found it. The loop runs twice in one
     * host: a short first run brings the root to its steady state (hub, thread pools, warm
     * pool), and what the long second run leaves is compared with that.
     */
    @Test
    void startingAndStoppingChildrenLeavesNothingBehind() throws Exception {
        int children = STRESS ? 500 : 20;
        Path script = folder.resolve("loop.py");
        Files.writeString(script, """
                import multiprocessing as mp, sys, collections
                def child(q, i, hold):
                    q.put(i)
                    if hold is not None:
                        hold.wait()
                if __name__ == '__main__':
                    q, hold = mp.Queue(), mp.Event()
                    exits, pids = collections.Counter(), []
                    for i in range(int(sys.argv[1])):
                        p = mp.Process(target=child, args=(q, i, hold if i % 2 else None))
                        p.start()
                        assert q.get(timeout=300) == i
                        if i % 2:
                            p.terminate()
                        p.join(300)
                        exits[p.exitcode] += 1
                        pids.append(p.pid)
                    print('exitcodes', sorted(exits.items()), 'active', mp.active_children())
                    print('pids', *pids)
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootCounts before;
        RootCounts after;
        Set<Path> tempBefore;
        List<Long> childPids = new ArrayList<>();
        long start = System.nanoTime();
        try (PythonHost host = PythonHost.builder().stdout(out).stderr(out).build()) {
            assertEquals(0, host.runFile(script, List.of("4")), () -> out.toString(StandardCharsets.UTF_8));
            before = RootCounts.settled(childPids, Set.of(), SETTLE);
            tempBefore = RootCounts.tempEntries();
            out.reset();
            assertEquals(0, host.runFile(script, List.of(Integer.toString(children))),
                    () -> out.toString(StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            printed.lines().filter(line -> line.startsWith("pids "))
                    .flatMap(line -> Arrays.stream(line.substring(5).split(" ")))
                    .forEach(pid -> childPids.add(Long.parseLong(pid)));
            after = RootCounts.settled(childPids, tempBefore, SETTLE);
            assertTrue(printed.contains("exitcodes [(-15, " + children / 2 + "), (0, " + children / 2 + ")] active []"),
                    printed);
        }
        RootCounts closed = RootCounts.afterClose(childPids, tempBefore, SETTLE);
        System.out.printf("LoadTests: %d children started and stopped in %.0f s; root before %s, after %s, host closed %s%n",
                children, (System.nanoTime() - start) / 1e9, before, after, closed);
        assertAll(
                () -> assertEquals(children, childPids.size()),
                // A spare's hub connection (it rehearses a while after its JVM appears) aside;
                // only live spares may hold one.
                () -> assertEquals(before.fileDescriptors() - before.hubConnections(),
                        after.fileDescriptors() - after.hubConnections(), "file descriptors"),
                () -> assertEquals(before.threads() - before.hubConnections(),
                        after.threads() - after.hubConnections(), "threads"),
                () -> assertTrue(after.hubConnections() <= after.jvms(), "hub connections of processes gone: " + after),
                () -> assertTrue(after.jvms() <= WarmPool.configuredSize(), "JVMs beside the warm pool's spares: " + after),
                () -> assertEquals(List.of(), after.tempFiles(), "temp files of the children"),
                () -> assertEquals(0, closed.jvms(), "JVMs once the host is closed"));
    }
}
