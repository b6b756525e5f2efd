package org.graalmp.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * How many cores the machine left idle between two looks, from the kernel's CPU counters in
 * {@code /proc/stat} (all processes, not only this program's). Thread-safe.
 */
final class MachineLoad implements WarmPool.IdleCores {

    /** A window longer than this says little about now: the next look starts a new one. */
    private static final long MAX_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A shorter window counts too few jiffies (100 a second per core) to tell. */
    private static final long MIN_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Path COUNTERS = Path.of("/proc/stat");

    /** Jiffies (all cores) spent busy and in all, at a moment. */
    private record Sample(long busy, long total, long nanos) {
    }

    private final int cores = Runtime.getRuntime().availableProcessors();
    private Sample last;

    /**
     * Idle cores on average since the previous look; empty on the first look and after a long
     * pause (ask again shortly). Without {@code /proc/stat} (not Linux): every core, always.
     */
    @Override
    public synchronized OptionalDouble sinceLastLook() {
        Sample now = sample();
        if (now == null) {
            return OptionalDouble.of(cores);
        }
        Sample before = last;
        if (before != null && now.nanos() - before.nanos() < MIN_WINDOW_NANOS) {
            return OptionalDouble.empty();  // the window goes on
        }
        last = now;
        if (before == null || now.nanos() - before.nanos() > MAX_WINDOW_NANOS || now.total() <= before.total()) {
            return OptionalDouble.empty();
        }
        double busyShare = (double) (now.busy() - before.busy()) / (now.total() - before.total());
        return OptionalDouble.of(cores * (1 - busyShare));
    }

    /**
     * The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ...".
     * Idle and iowait are idle; the rest (guest time is inside user) is busy.
     */
    private static Sample sample() {
        try {
            String line = Files.readAllLines(COUNTERS).get(0);
            long[] jiffies = Arrays.stream(line.trim().split("\\s+")).skip(1).limit(8).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(jiffies).sum();
            long idle = jiffies[3] + jiffies[4];
            return new Sample(total - idle, total, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
