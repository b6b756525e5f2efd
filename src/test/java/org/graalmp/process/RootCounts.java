package org.graalmp.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a root process holds that a leak would make grow: its threads (Java's, less those idle
 * in a thread pool, which end after the pool's keep-alive and are reused before that, so their
 * number follows the peak of concurrent work, not how much work there was; and the operating
 * system's, which adds the JVM's own and those idle ones), its file descriptors, the JVMs below it, and
 * files its children left in the temporary folders (named by a child's pid: graalmp's folders,
 * the JVM's {@code hsperfdata} files).
 */
record RootCounts(int threads, int osThreads, long fileDescriptors, long jvms, List<String> tempFiles,
        Map<String, Long> threadKinds) {

    /**
     * The hub connections being served (each one thread and one socket): the hub's threads but
     * its accepting one. A spare opens one when it rehearses, which it does some time after
     * its JVM appears, so two settled counts may differ by those.
     */
    long hubConnections() {
        return Math.max(0, threadKinds.getOrDefault("graalmp-hub-N", 0L) - 1);
    }

    /**
     * The counts once the warm pool holds its spares (each spare adds its three pipes and two
     * output-copying threads), waiting up to {@code limit} for it: a spare is started only once
     * the JVM before it has booted.
     */
    static RootCounts settled(Collection<Long> childPids, Set<Path> tempBefore, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        RootCounts counts = now(childPids, tempBefore);
        RootCounts previous = null;
        while ((counts.jvms() != WarmPool.configuredSize() || !counts.equals(previous)) && System.nanoTime() < deadline) {
            Thread.sleep(500);  // and until two looks agree: an ended child's pipes close a moment later
            previous = counts;
            counts = now(childPids, tempBefore);
        }
        return counts;
    }

    /** The counts once every JVM is gone, or after {@code limit}: a closed host kills its spares, which take a moment to go. */
    static RootCounts afterClose(Collection<Long> childPids, Set<Path> tempBefore, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        RootCounts counts = now(childPids, tempBefore);
        while (counts.jvms() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            counts = now(childPids, tempBefore);
        }
        return counts;
    }

    /**
     * The counts now; {@code tempFiles} are the entries of the temporary folders that are not
     * in {@code tempBefore} and carry one of {@code childPids} (pids are reused: /tmp may hold
     * a file named by the same number from long ago).
     */
    static RootCounts now(Collection<Long> childPids, Set<Path> tempBefore) {
        Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
        return new RootCounts((int) threads.values().stream().filter(stack -> !idleInAPool(stack)).count(), (int) count(Path.of("/proc/self/task")),
                count(Path.of("/proc/self/fd")),
                ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
                tempEntries().stream().filter(entry -> !tempBefore.contains(entry) && namedByOneOf(entry, childPids))
                        .map(Path::toString).toList(),
                threads.entrySet().stream().filter(e -> !idleInAPool(e.getValue())).map(Map.Entry::getKey).collect(Collectors.groupingBy(
                        thread -> thread.getName().replaceAll("\\d+", "N"), TreeMap::new, Collectors.counting())));
    }

    private static boolean idleInAPool(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                && frame.getMethodName().equals("getTask"));
    }

    /** What the temporary folders hold now: java.io.tmpdir, the JVMs' hsperfdata folder in it, /dev/shm. */
    static Set<Path> tempEntries() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return Stream.of(tmp, tmp.resolve("hsperfdata_" + System.getProperty("user.name")), Path.of("/dev/shm"))
                .filter(Files::isDirectory).flatMap(RootCounts::list).collect(Collectors.toSet());
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether one of {@code pids} is a number in the entry's name. */
    private static boolean namedByOneOf(Path entry, Collection<Long> pids) {
        return Arrays.stream(entry.getFileName().toString().split("\\D+"))
                .anyMatch(number -> !number.isEmpty() && number.length() < 19 && pids.contains(Long.parseLong(number)));
    }

    private static long count(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
