package org.graalmp.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.graalmp.host.GraalmpHome;
import org.graalmp.host.InterpreterOptions;
import org.graalmp.ipc.PrivateFolder;
import org.graalmp.launch.ChildCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root process killed outright ({@code kill -9}): every JVM it started, directly or not,
 * exits on its own, as does every spare of a warm pool and the manager's server. (CPython's
 * children, its manager's server and its resource tracker live on as orphans.)
 *
 * <p>The root here is a JVM of its own running {@code org.graalmp.cli.Main}, as
 * {@code ./graalmp} runs it, with this JVM's class path and options.
 */
@Timeout(300)
class OrphanTests {

    private static final long WAIT_MILLIS = 120_000;

    @TempDir
    Path folder;

    private Process root;

    @AfterEach
    void killWhatIsLeft() {
        if (root != null) {
            root.descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }

    @Test
    void everyJvmOfAProgramExitsWhenItsRootIsKilled() throws Exception {
        Path script = folder.resolve("orphans.py");
        Files.writeString(script, """
                import multiprocessing as mp, os, time
                def sleep(): time.sleep(600)
                def parent_of_grandchild():
                    g = mp.Process(target=sleep); g.start()
                    print(f'grandchild={g.pid}', flush=True); g.join()
                if __name__ == '__main__':
                    m = mp.Manager(); d = m.dict(); v = mp.Value('i', 1)
                    c = mp.Process(target=parent_of_grandchild); c.start()
                    print(f'manager={m._process.pid} child={c.pid}', flush=True)
                    time.sleep(600)
                """);
        Path out = folder.resolve("out.txt");
        root = startRoot(script, out);
        Map<String, Long> pids = awaitPids(out, Set.of("manager", "child", "grandchild"));
        List<ProcessHandle> started = awaitSpare(pids);

        long killed = System.nanoTime();
        root.destroyForcibly();  // SIGKILL
        List<ProcessHandle> alive = awaitExits(started, killed);
        double seconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("root killed: %d JVMs (%s) exited %.2f s after%n", started.size(), pids, seconds);

        List<Path> stale = new ArrayList<>(PrivateFolder.removeStale(Path.of(System.getProperty("java.io.tmpdir")), "graalmp-"));
        stale.addAll(PrivateFolder.removeStale(Path.of("/dev/shm"), "graalmp-mem-"));
        String rootPid = Long.toString(root.pid());
        assertAll("left alive: " + alive,
                () -> assertEquals(List.of(), alive),
                () -> assertTrue(started.size() >= 4, "manager, child, grandchild and a spare: " + started),
                () -> assertTrue(stale.stream().anyMatch(f -> f.getFileName().toString().contains("-" + rootPid + "-")),
                        "the killed root's folders are stale and removed by the next graalmp process: " + stale));
    }

    private Process startRoot(Path script, Path out) throws IOException {
        ChildCommand like = ChildCommand.ofCurrentJvm(GraalmpHome.locate().root(), InterpreterOptions.DEFAULT);
        List<String> command = new ArrayList<>();
        command.add(like.javaExecutable().toString());
        command.addAll(like.jvmOptions());
        command.addAll(List.of("-cp", like.classPath(), "org.graalmp.cli.Main", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectErrorStream(true);
        builder.environment().put("GRAALMP_WARM_POOL", "1");
        return builder.start();
    }

    /** The pids the script prints as {@code name=pid}, once it has printed them all. */
    private Map<String, Long> awaitPids(Path out, Set<String> names) throws Exception {
        Pattern pair = Pattern.compile("(\\w+)=(\\d+)");
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            String text = Files.readString(out);
            Matcher m = pair.matcher(text);
            Map<String, Long> found = new java.util.HashMap<>();
            while (m.find()) {
                found.put(m.group(1), Long.parseLong(m.group(2)));
            }
            if (found.keySet().containsAll(names)) {
                return found;
            }
            if (!root.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the root did not start its processes:\n" + text);
            }
            Thread.sleep(200);
        }
    }

    /** The root's descendants, once one of them is a warm-pool spare (none of the script's own). */
    private List<ProcessHandle> awaitSpare(Map<String, Long> known) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            List<ProcessHandle> descendants = root.descendants().filter(ProcessHandle::isAlive).toList();
            boolean spare = descendants.stream().anyMatch(p -> !known.containsValue(p.pid()));
            if (spare || System.currentTimeMillis() > deadline) {
                return descendants;
            }
            Thread.sleep(200);
        }
    }

    /** Gone, or a zombie: an orphan's exit is seen once whoever adopted it reaps it, maybe later. */
    private static boolean hasExited(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z") || !process.isAlive();
        } catch (IOException gone) {
            return true;
        }
    }

    /** Those still alive when they have all exited or the wait is over; prints when each exited. */
    private static List<ProcessHandle> awaitExits(List<ProcessHandle> processes, long since) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        List<ProcessHandle> alive = processes;
        while (!alive.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            alive.stream().filter(OrphanTests::hasExited).forEach(p -> System.out.printf("  %d exited after %.2f s%n",
                    p.pid(), (System.nanoTime() - since) / 1e9));
            alive = alive.stream().filter(p -> !hasExited(p)).toList();
        }
        return alive;
    }
}
