package org.graalmp.process;

import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalmp.ipc.Reply;
import org.graalmp.launch.ChildCommand;
import org.graalmp.launch.ChildRole;
import org.graalmp.launch.ChildInput;
import org.graalmp.launch.ChildInput.Rehearsal;
import org.graalmp.launch.ChildInput.WarmUp;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Starts child JVMs for the shim's {@code Popen}: one per {@code Process.start()}. Bound into
 * each context as {@code graalmp.processes}. Thread-safe.
 *
 * <p>Overview: the child's command line carries nothing but the JVM and class path; the
 * pickled payload is written to its standard input by a helper thread (a child JVM takes
 * seconds to start reading, and {@code start()} must not wait for it). The pipe then stays
 * open as the child's lifeline. A {@link WarmPool} keeps JVMs started ahead of need.
 * {@link #close()} kills whatever children (and spares) are still alive, so closing a host
 * never leaves an orphan JVM.
 */
public final class ProcessService implements AutoCloseable {

    private static final long CLOSE_GRACE_MILLIS = 2_000;
    /** How long a child JVM takes until it waits for its payload (measured: 2.1-2.3 s with the AOT cache, 5-6 s without). */
    private static final Duration BOOT_WITH_AOT_CACHE = Duration.ofSeconds(3);
    private static final Duration BOOT_WITHOUT = Duration.ofSeconds(6);

    private final ChildCommand command;
    private final Optional<ChildCommand> poolWorkerCommand;
    private final ChildOutput output;
    private final ExecutorService ioThreads;
    private final AtomicInteger nextSentinel = new AtomicInteger(1_000_000);
    private final Set<ChildHandle> children = ConcurrentHashMap.newKeySet();
    private final WarmPool warmPool;
    private final MemoryGate memoryGate = MemoryGate.ofThisMachine();
    private final boolean prestart;
    private final Supplier<Optional<Rehearsal>> rehearsal;

    /**
     * @param poolWorkerCommand how Pool workers start when not as other children (with the JIT):
     *                          always cold, since the warm pool's spares are ordinary children
     * @param prestart          whether {@link #expectChildren} starts the warm pool, or else its
     *                          first {@link #launch}
     * @param rehearsal         where the warm pool's spares rehearse a child's first steps, if
     *                          anywhere; asked once, when the first spare is warmed up
     */
    public ProcessService(ChildCommand command, Optional<ChildCommand> poolWorkerCommand, ChildOutput output,
            boolean prestart, Supplier<Optional<Rehearsal>> rehearsal) {
        this.command = command;
        this.poolWorkerCommand = poolWorkerCommand;
        this.output = output;
        this.prestart = prestart;
        this.rehearsal = rehearsal;
        AtomicInteger threadCount = new AtomicInteger();
        this.ioThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "graalmp-child-io-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Duration bootTime = command.jvmOptions().stream().anyMatch(option -> option.startsWith("-XX:AOTCache="))
                ? BOOT_WITH_AOT_CACHE : BOOT_WITHOUT;
        // A spare is not worth waiting for: the pool tries again at its next refill.
        this.warmPool = new WarmPool(WarmPool.configuredSize(), bootTime, new MachineLoad(),
                spec -> memoryGate.start(() -> startJvm(command, spec), false));
    }

    /**
     * The program is about to start children (it imported multiprocessing): the root starts the
     * warm pool's JVMs now, for the given working directory and environment (as {@link #launch}).
     *
     * @param mainScript the path of the program's main script, which spares prepare to run
     *                   ({@link WarmPool#warmUp}); null when the main module is not a file
     */
    @HostAccess.Export
    public void expectChildren(String cwd, Value environment, String mainScript) {
        warmPool.warmUp(() -> new WarmUp(Optional.ofNullable(mainScript), rehearsal.get()));
        if (prestart) {
            warmPool.fill(new LaunchSpec(cwd, environmentOf(environment)));
        }
    }

    /**
     * Starts a child JVM, which waits for its payload: {@link ChildHandle#send}. The pid is
     * known before the payload is pickled, so that what is pickled for the child can be
     * counted as the child's (its pipe ends). A warm JVM started for the same working
     * directory and environment is used when there is one, except by a Manager server;
     * else a new JVM starts as soon as the machine's available memory would hold it
     * ({@link MemoryGate}).
     *
     * @param cwd         the working directory the child starts in (Python's, not the JVM's)
     * @param environment the child's environment as a Python list of {@code "NAME=value"} strings
     * @param role        what the child is for, as {@link ChildRole#named} reads it
     */
    @HostAccess.Export
    public ChildHandle launch(String cwd, Value environment, String role) throws IOException {
        LaunchSpec spec = new LaunchSpec(cwd, environmentOf(environment));
        Process process = switch (ChildRole.named(role)) {
            case PROCESS -> warmOrNew(spec);
            case POOL_WORKER -> poolWorkerCommand.isPresent()
                    ? startOutsidePool(poolWorkerCommand.get(), spec) : warmOrNew(spec);
            // The children that use a Manager come right after it: the spares are for them.
            case MANAGER_SERVER -> startOutsidePool(command, spec);
        };
        ChildHandle child = new ChildHandle(process, nextSentinel.getAndIncrement(),
                bytes -> ioThreads.execute(() -> sendPayload(process, bytes)));
        children.add(child);
        process.onExit().thenRun(() -> children.remove(child));
        return child;
    }

    private Process warmOrNew(LaunchSpec spec) throws IOException {
        Optional<Process> warm = warmPool.take(spec);
        return warm.isPresent() ? warm.get() : memoryGate.start(() -> startJvm(command, spec), true);
    }

    /** A JVM the warm pool cannot serve; it still boots, so no spare may boot beside it. */
    private Process startOutsidePool(ChildCommand ownCommand, LaunchSpec spec) throws IOException {
        warmPool.noteBooting();
        return memoryGate.start(() -> startJvm(ownCommand, spec), true);
    }

    private Process startJvm(ChildCommand command, LaunchSpec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.toList()).directory(new File(spec.cwd()));
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        if (output.inherits()) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process process = builder.start();
        if (!output.inherits()) {
            copyInBackground(process.getInputStream(), output.out());
            copyInBackground(process.getErrorStream(), output.err());
        }
        return process;
    }

    /** The exit of the child with this sentinel; already done for one not running. */
    public CompletableFuture<?> exitOf(int sentinel) {
        return children.stream().filter(child -> child.sentinel() == sentinel).findFirst()
                .<CompletableFuture<?>>map(child -> child.process().onExit())
                .orElse(CompletableFuture.completedFuture(null));
    }

    /** {@code os.cpu_count()} as the JVM sees it (cgroup limits included). */
    @HostAccess.Export
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code os.getppid()}, which GraalPy's Java POSIX backend lacks: read anew on every call,
     * since a process whose parent died has a new one (init or a subreaper), as on Linux.
     */
    @HostAccess.Export
    public long parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    }

    /** Whether process {@code pid} (any process, such as a child's parent) is still running. */
    @HostAccess.Export
    public boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@code os.kill(pid, signal)} where GraalPy's own cannot reach {@code pid}: see {@link ProcessSignals}. */
    @HostAccess.Export
    public Reply signal(long pid, int signal) throws InterruptedException {
        return ProcessSignals.send(pid, signal);
    }

    /** Waits until process {@code pid} ends or the timeout passes; a negative timeout waits for ever. */
    @HostAccess.Export
    public void waitForExit(long pid, double timeoutSeconds) throws InterruptedException {
        var exit = ProcessHandle.of(pid).map(ProcessHandle::onExit);
        if (exit.isEmpty()) {
            return;
        }
        try {
            if (timeoutSeconds < 0) {
                exit.get().get();
            } else {
                exit.get().get((long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // still running when the time was up: the caller checks again
        }
    }

    /** Kills the children still running; waits a little for them to go. Idempotent. */
    @Override
    public void close() {
        warmPool.close();
        for (ChildHandle child : children) {
            child.kill();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
        for (ChildHandle child : children) {
            try {
                child.process().waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ioThreads.shutdown();
    }

    private static Map<String, String> environmentOf(Value entries) {
        Map<String, String> environment = new HashMap<>();
        for (long i = 0; i < entries.getArraySize(); i++) {
            String entry = entries.getArrayElement(i).asString();
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return environment;
    }

    private static void sendPayload(Process process, byte[] payload) {
        try {
            ChildInput.writePayload(new DataOutputStream(process.getOutputStream()), payload);
        } catch (IOException e) {
            // The child died before reading: its exit code tells the parent what happened.
        }
    }

    private void copyInBackground(InputStream from, OutputStream to) {
        ioThreads.execute(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the child closed its end
            }
        });
    }
}
