package org.graalmp.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.graalmp.launch.ChildInput;
import org.graalmp.launch.ChildInput.WarmUp;

/**
 * Child JVMs started before they are needed. A child JVM builds its context and imports the
 * usual modules before it reads its payload (see {@link org.graalmp.launch.ChildMain}), so
 * one started ahead turns {@code Process.start()} into sending that payload. Each spare
 * serves exactly one child and only a request with its {@link LaunchSpec}; spares for another
 * spec are ended. Thread-safe.
 *
 * <p>Spares are told the program's main script ({@link #warmUp}) and prepare to run it while
 * they wait: a child runs the main script first thing, and compiling it and importing what it
 * imports (say {@code subprocess}: a tenth of a second) is most of a warm child's start. Then
 * they rehearse a child's first steps (see {@link org.graalmp.launch.ChildInput.Rehearsal}).
 *
 * <p>A booting JVM takes more than one core for seconds, so a spare must not boot beside a
 * child the program is waiting for: the pool starts a spare only once the last JVM it knows of
 * (a spare, or a child started without one) has had its boot time, one at a time. Nor beside
 * the program's own work: after the first, which a program that has just imported
 * multiprocessing is about to want, a spare boots only when the machine has the cores a boot
 * takes idle (on two cores, a spare booting during {@code Pool(2).map} of CPU-heavy items made
 * the map take 3.8-4.2 s instead of 1.3-1.6 s). A program that keeps the machine busy gets
 * cold children.
 */
final class WarmPool implements AutoCloseable {

    /** Names the pool size: a number, or {@code off} (also {@code 0}). */
    static final String SIZE_VARIABLE = "GRAALMP_WARM_POOL";

    /** What one idle child JVM may take (measured: about 300 MB RSS), with room to spare. */
    private static final long MEMORY_PER_SPARE = 1L << 30;
    private static final int MAX_DEFAULT_SIZE = 4;
    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());

    /** A booting JVM's main thread takes a core, its compiler and collector threads part of another. */
    private static final double CORES_A_BOOT_TAKES = 1.5;
    private static final long LOOK_AGAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** How many cores the machine left idle lately. */
    interface IdleCores {
        /** Idle cores on average since the previous call; empty if not known yet (ask again). */
        OptionalDouble sinceLastLook();
    }

    /** Starts a child JVM for a spec. */
    interface Starter {
        Process start(LaunchSpec spec) throws IOException;
    }

    /** A spare JVM, and whether it has been sent the warm-up. */
    private record Spare(LaunchSpec spec, Process process, boolean warmedUp) {

        /** This spare once it has been sent the warm-up, if it has not been. */
        Spare warmedUp(Supplier<Optional<WarmUp>> warmUp) {
            Optional<WarmUp> message = warmedUp ? Optional.empty() : warmUp.get();
            if (message.isEmpty()) {
                return this;
            }
            try {
                ChildInput.writeWarmUp(new DataOutputStream(process.getOutputStream()), message.get());
            } catch (IOException e) {
                // A spare that died is ended and replaced at the next fill.
            }
            return new Spare(spec, process, true);
        }
    }

    private final int size;
    private final Starter starter;
    private final long bootNanos;
    private final IdleCores idleCores;
    private final double coresABootNeeds;
    private final List<Spare> spares = new ArrayList<>();
    private final ScheduledExecutorService refills = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "graalmp-warm-pool");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> pendingRefill;
    private long lastStart = System.nanoTime() - Long.MAX_VALUE / 2;
    private boolean startedAny;
    private boolean closed;
    private Supplier<WarmUp> pendingWarmUp;
    private Optional<WarmUp> warmUp = Optional.empty();

    /**
     * @param bootTime  how long a child JVM takes to become ready: no refill before then
     * @param idleCores what the machine leaves idle: a spare boots only when that is enough
     */
    WarmPool(int size, Duration bootTime, IdleCores idleCores, Starter starter) {
        this.size = size;
        this.bootNanos = bootTime.toNanos();
        this.idleCores = idleCores;
        this.starter = starter;
        // A machine of one core is never that idle: half of it will do.
        this.coresABootNeeds = Math.min(CORES_A_BOOT_TAKES, Runtime.getRuntime().availableProcessors() - 0.5);
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
        OptionalLong available = new MemoryGate.ProcMemory().available();
        long byMemory = available.isPresent() ? available.getAsLong() / MEMORY_PER_SPARE : 1;  // unknown: one
        return (int) Math.min(Math.min(cores, byMemory), MAX_DEFAULT_SIZE);
    }

    /**
     * A spare started for {@code spec}, if one is alive; without one the caller starts a child
     * JVM at once. The pool is refilled as {@link #fill} does.
     */
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
        if (taken.isEmpty()) {
            lastStart = System.nanoTime();
        }
        fill(spec);
        return taken;
    }

    /**
     * Sends the warm-up to every spare, and every later one. It is worked out when the first
     * spare needs it (making it may start the hub), and once.
     */
    synchronized void warmUp(Supplier<WarmUp> message) {
        pendingWarmUp = message;
        warmUp = Optional.empty();
        spares.replaceAll(spare -> spare.warmedUp(this::warmUpMessage));
    }

    private synchronized Optional<WarmUp> warmUpMessage() {
        if (pendingWarmUp != null) {
            warmUp = Optional.of(pendingWarmUp.get());
            pendingWarmUp = null;
        }
        return warmUp;
    }

    /** A child JVM started without the pool boots now: no spare starts before its boot time. */
    synchronized void noteBooting() {
        lastStart = System.nanoTime();
    }

    /**
     * Ends spares for other specs (and dead ones), then starts one if no JVM is booting and (but
     * for the first spare) the machine is idle enough, and schedules the next start while the
     * pool is short.
     */
    synchronized void fill(LaunchSpec spec) {
        if (pendingRefill != null) {
            pendingRefill.cancel(false);
            pendingRefill = null;
        }
        spares.removeIf(spare -> {
            boolean stale = !spare.spec().equals(spec) || !spare.process().isAlive();
            if (stale) {
                spare.process().destroyForcibly();
            }
            return stale;
        });
        if (closed || spares.size() >= size) {
            return;
        }
        long wait = lastStart + bootNanos - System.nanoTime();
        if (wait <= 0 && startedAny && !roomForABoot()) {
            wait = LOOK_AGAIN_NANOS;
        } else if (wait <= 0) {
            try {
                spares.add(new Spare(spec, starter.start(spec), false).warmedUp(this::warmUpMessage));
            } catch (IOException | UncheckedIOException e) {
                // A child started on demand will report the same problem where the program sees it.
                LOG.log(Level.FINE, "could not start a spare child JVM", e);
                return;
            }
            lastStart = System.nanoTime();
            startedAny = true;
            wait = bootNanos;
        }
        if (spares.size() < size) {
            pendingRefill = refills.schedule(() -> fill(spec), Math.max(wait, 1), TimeUnit.NANOSECONDS);
        }
    }

    private boolean roomForABoot() {
        OptionalDouble idle = idleCores.sinceLastLook();
        return idle.isPresent() && idle.getAsDouble() >= coresABootNeeds;
    }

    /** Ends every spare. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        refills.shutdownNow();
        spares.forEach(spare -> spare.process().destroyForcibly());
        spares.clear();
    }
}
