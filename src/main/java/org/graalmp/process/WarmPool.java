package org.graalmp.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Child JVMs started before they are needed. A child JVM builds its context and imports the
 * usual modules before it reads its payload (see {@link org.graalmp.launch.ChildMain}), so
 * one started ahead turns {@code Process.start()} into sending that payload. Each spare
 * serves exactly one child and only a request with its {@link LaunchSpec}; spares for another
 * spec are ended. Thread-safe.
 */
final class WarmPool implements AutoCloseable {

    /** Names the pool size: a number, or {@code off} (also {@code 0}). */
    static final String SIZE_VARIABLE = "GRAALMP_WARM_POOL";

    /** What one idle child JVM may take (measured: about 300 MB RSS), with room to spare. */
    private static final long MEMORY_PER_SPARE = 1L << 30;
    private static final int MAX_DEFAULT_SIZE = 4;
    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());

    /** Starts a child JVM for a spec. */
    interface Starter {
        Process start(LaunchSpec spec) throws IOException;
    }

    private record Spare(LaunchSpec spec, Process process) {
    }

    private final int size;
    private final Starter starter;
    private final Deque<Spare> spares = new ArrayDeque<>();
    private boolean closed;

    WarmPool(int size, Starter starter) {
        this.size = size;
        this.starter = starter;
    }

    /** The size the environment asks for, else one spare per core while memory allows. */
    static int configuredSize() {
        String configured = System.getenv(SIZE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            if (configured.equalsIgnoreCase("off")) {
                return 0;
            }
            try {
                return Math.max(0, Integer.parseInt(configured.strip()));
            } catch (NumberFormatException e) {
                LOG.warning(SIZE_VARIABLE + " is neither a number nor 'off': " + configured);
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long byMemory = availableMemory().map(bytes -> bytes / MEMORY_PER_SPARE).orElse(1L);
        return (int) Math.min(Math.min(cores, byMemory), MAX_DEFAULT_SIZE);
    }

    /** A spare started for {@code spec}, if one is alive; the pool is then refilled. */
    synchronized Optional<Process> take(LaunchSpec spec) {
        Optional<Process> taken = Optional.empty();
        for (Iterator<Spare> it = spares.iterator(); it.hasNext(); ) {
            Spare spare = it.next();
            if (spare.spec().equals(spec) && spare.process().isAlive()) {
                it.remove();
                taken = Optional.of(spare.process());
                break;
            }
        }
        fill(spec);
        return taken;
    }

    /** Ends spares for other specs (and dead ones) and starts new ones up to the size. */
    synchronized void fill(LaunchSpec spec) {
        if (closed) {
            return;
        }
        spares.removeIf(spare -> {
            boolean stale = !spare.spec().equals(spec) || !spare.process().isAlive();
            if (stale) {
                spare.process().destroyForcibly();
            }
            return stale;
        });
        try {
            while (spares.size() < size) {
                spares.add(new Spare(spec, starter.start(spec)));
            }
        } catch (IOException | UncheckedIOException e) {
            // A child started on demand will report the same problem where the program sees it.
            LOG.log(Level.FINE, "could not start a spare child JVM", e);
        }
    }

    /** Ends every spare. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        spares.forEach(spare -> spare.process().destroyForcibly());
        spares.clear();
    }

    private static Optional<Long> availableMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemAvailable:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // not Linux: the cores decide
        }
    }
}
