package org.graalmp.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples, once a second, the resident memory of this JVM and all its descendants and the
 * machine's available memory, keeping the peak and the low point: figures for a load test's
 * report, not for assertions.
 */
final class MemoryWatch implements AutoCloseable {

    /** Peak total RSS of the tree, MemAvailable's low point, most processes seen at once. */
    record Figures(long peakRssMb, long lowestAvailableMb, long mostProcesses) {
        @Override
        public String toString() {
            return "peak RSS of the root and its children " + peakRssMb + " MB, MemAvailable low point "
                    + lowestAvailableMb + " MB, processes at most " + mostProcesses;
        }
    }

    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "memory-watch");
        thread.setDaemon(true);
        return thread;
    });
    private long peakRssKb;
    private long lowestAvailableKb = Long.MAX_VALUE;
    private long mostProcesses;

    static MemoryWatch start() {
        MemoryWatch watch = new MemoryWatch();
        watch.sampler.scheduleAtFixedRate(watch::sample, 0, 1, TimeUnit.SECONDS);
        return watch;
    }

    synchronized Figures figures() {
        return new Figures(peakRssKb >> 10, lowestAvailableKb >> 10, mostProcesses);
    }

    private synchronized void sample() {
        ProcessHandle root = ProcessHandle.current();
        long[] processes = Stream.concat(Stream.of(root), root.descendants()).mapToLong(ProcessHandle::pid).toArray();
        peakRssKb = Math.max(peakRssKb, Stream.of(processes).flatMapToLong(java.util.Arrays::stream)
                .map(pid -> kilobytes(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:")).sum());
        lowestAvailableKb = Math.min(lowestAvailableKb, kilobytes(Path.of("/proc/meminfo"), "MemAvailable:"));
        mostProcesses = Math.max(mostProcesses, processes.length - 1);
    }

    private static long kilobytes(Path file, String field) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(field)).mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;  // the process ended between listing and reading
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
