package org.graalmp.process;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Starts a child JVM only when the machine's available memory would hold it. Thread-safe;
 * starts go through one at a time, so two cannot both count on the same free memory.
 *
 * <p>Overview: a JVM takes seconds to reach its footprint, so {@code MemAvailable} does not yet
 * show what the children started just before will take. The gate therefore counts, for each
 * JVM it started that is alive, the part of {@link #CHILD_BYTES} it does not hold yet (its
 * {@code RssAnon}), as taken. A start waits while the rest, less {@link #RESERVE_BYTES}, is
 * less than one child; it fails only when the machine's total memory could never hold one.
 */
final class MemoryGate {

    /**
     * What a booted child JVM holds in anonymous memory, rounded up: measured RssAnon 209-216 MB
     * for an idle child after a small job with {@link org.graalmp.launch.ChildCommand}'s memory
     * options (276-289 MB if the user chooses G1).
     */
    static final long CHILD_BYTES = 256L << 20;
    /**
     * Left for the root's own growth and the rest of the machine, which may grow too after a
     * child started (on a machine shared with other test runs, 64 children started with 20 GB
     * available were OOM-killed minutes later, when the others had taken theirs).
     */
    static final long RESERVE_BYTES = 1L << 30;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Logger LOG = Logger.getLogger(MemoryGate.class.getName());

    /** The machine's memory, as the gate sees it. */
    interface Memory {
        /** {@code MemAvailable}; empty where unknown (not Linux): then the gate never waits. */
        OptionalLong available();

        /** {@code MemTotal}; empty where unknown. */
        OptionalLong total();

        /** The anonymous memory (heap, stacks, malloc) {@code process} holds; 0 once it is gone. */
        long residentAnon(Process process);
    }

    /** Starts a child JVM. */
    interface Starter {
        Process start() throws IOException;
    }

    private final Memory memory;
    private final Set<Process> started = ConcurrentHashMap.newKeySet();
    private final ReentrantLock startLock = new ReentrantLock();

    MemoryGate(Memory memory) {
        this.memory = memory;
    }

    /** The gate for this machine: {@code /proc/meminfo} and {@code /proc/PID/status}. */
    static MemoryGate ofThisMachine() {
        return new MemoryGate(new ProcMemory());
    }

    /**
     * Starts a JVM once it fits: waiting for memory to free up if {@code wait}, else failing at
     * once (a warm-pool spare is not worth waiting for).
     *
     * @throws IOException if it cannot fit now and {@code wait} is false, if it could never
     *                     fit, if the wait is interrupted, or if {@code starter} fails
     */
    Process start(Starter starter, boolean wait) throws IOException {
        try {
            startLock.lockInterruptibly();
            try {
                awaitRoom(wait);
                Process process = starter.start();
                started.add(process);
                process.onExit().thenRun(() -> started.remove(process));
                return process;
            } finally {
                startLock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for memory to start a child JVM");
        }
    }

    private void awaitRoom(boolean wait) throws IOException, InterruptedException {
        OptionalLong total = memory.total();
        if (total.isPresent() && total.getAsLong() < CHILD_BYTES + RESERVE_BYTES) {
            throw new IOException("cannot start a child JVM: it needs about " + mb(CHILD_BYTES) + " MB besides "
                    + mb(RESERVE_BYTES) + " MB kept free, and this machine has " + mb(total.getAsLong()) + " MB");
        }
        boolean told = false;
        for (long room; (room = room()) < CHILD_BYTES; Thread.sleep(POLL.toMillis())) {
            if (!wait) {
                throw new IOException("not enough memory for another child JVM now (" + mb(room) + " MB free)");
            }
            if (!told) {
                LOG.warning("graalmp: waiting for memory to start a child JVM (" + mb(Math.max(room, 0))
                        + " MB free for it, " + mb(CHILD_BYTES) + " MB needed; " + started.size() + " JVMs running)");
                told = true;
            }
        }
    }

    /** Available memory less what started JVMs will still take, less the reserve: room for a CHILD_BYTES child. */
    private long room() {
        OptionalLong available = memory.available();
        if (available.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long[] held = started.stream().filter(Process::isAlive).mapToLong(memory::residentAnon).toArray();
        // A program whose children hold more than the measured figure is judged by its own.
        long perChild = Math.max(CHILD_BYTES, Arrays.stream(held).max().orElse(0));
        long toCome = Arrays.stream(held).map(bytes -> Math.max(0, perChild - bytes)).sum();
        // The new child may take perChild: what it needs beyond CHILD_BYTES is taken off here.
        return available.getAsLong() - toCome - RESERVE_BYTES - (perChild - CHILD_BYTES);
    }

    private static long mb(long bytes) {
        return bytes >> 20;
    }

    /** Linux's figures: {@code /proc/meminfo} and {@code /proc/PID/status}, in kB. */
    static final class ProcMemory implements Memory {

        @Override
        public OptionalLong available() {
            return field(Path.of("/proc/meminfo"), "MemAvailable:");
        }

        @Override
        public OptionalLong total() {
            return field(Path.of("/proc/meminfo"), "MemTotal:");
        }

        @Override
        public long residentAnon(Process process) {
            return field(Path.of("/proc", Long.toString(process.pid()), "status"), "RssAnon:").orElse(0);
        }

        /** A field of a /proc file given in kB ({@code "VmRSS:"}, say), in bytes; empty if absent or gone. */
        static OptionalLong field(Path file, String name) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(name)) {
                        return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
            return OptionalLong.empty();
        }
    }
}
