package org.graalmp.process;

import java.nio.file.Path;
import java.util.Arrays;
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
    private long peakRssBytes;
    private long lowestAvailableBytes = Long.MAX_VALUE;
    private long mostProcesses;

    static MemoryWatch start() {
        MemoryWatch watch = new MemoryWatch();
        watch.sampler.scheduleAtFixedRate(watch::sample, 0, 1, TimeUnit.SECONDS);
        return watch;
    }

    synchronized Figures figures() {
        return new Figures(peakRssBytes >> 20, lowestAvailableBytes >> 20, mostProcesses);
    }

    private synchronized void sample() {
        ProcessHandle root = ProcessHandle.current();
        long[] processes = Stream.concat(Stream.of(root), root.descendants()).mapToLong(ProcessHandle::pid).toArray();
        // A process that ended between listing and reading counts 0.
        peakRssBytes = Math.max(peakRssBytes, Arrays.stream(processes)
                .map(pid -> bytes(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:")).sum());
        lowestAvailableBytes = Math.min(lowestAvailableBytes, bytes(Path.of("/proc/meminfo"), "MemAvailable:"));
        mostProcesses = Math.max(mostProcesses, processes.length - 1);
    }

    private static long bytes(Path file, String field) {
        return MemoryGate.ProcMemory.field(file, field).orElse(0);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
