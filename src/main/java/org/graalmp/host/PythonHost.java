package org.graalmp.host;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.graalmp.connection.PipeService;
import org.graalmp.connection.Readiness;
import org.graalmp.connection.SocketService;
import org.graalmp.ipc.ObjectSpace;
import org.graalmp.launch.ChildCommand;
import org.graalmp.launch.ChildInput.Rehearsal;
import org.graalmp.launch.GraalJit;
import org.graalmp.memory.MemoryFiles;
import org.graalmp.memory.MemoryService;
import org.graalmp.manager.ManagerService;
import org.graalmp.process.ChildOutput;
import org.graalmp.process.ProcessService;
import org.graalmp.queue.QueueService;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A Python interpreter with graalmp's {@code multiprocessing}: the public embedding API.
 *
 * <pre>{@code
 * try (PythonHost python = PythonHost.builder().build()) {
 *     int status = python.runFile(Path.of("job.py"), List.of("--fast"));
 * }
 * }</pre>
 *
 * <p>Each run behaves like {@code python3 FILE} or {@code python3 -c CODE}: a fresh
 * {@code __main__}, CPython's exit status (SystemExit's code, 1 after an uncaught exception
 * whose traceback goes to stderr). {@link #close()} is interpreter shutdown: atexit handlers
 * run, so non-daemon child processes are joined and daemon ones terminated, and any child
 * still alive after that is killed. One host runs one program at a time; it is not
 * thread-safe.
 */
public final class PythonHost implements AutoCloseable {

    private static final String BINDING_PREFIX = "graalmp.";

    private final InterpreterOptions options;
    private final Context context;
    private final ProcessService processes;
    private final ObjectSpace objects;
    private final SocketService sockets = new SocketService();
    private final MemoryFiles memoryFiles = new MemoryFiles();
    private final ManagerService managers = new ManagerService();
    private boolean configured;
    private boolean closed;

    private PythonHost(Builder builder) {
        GraalmpHome home = builder.home != null ? builder.home : GraalmpHome.locate();
        ChildOutput childOutput = builder.out == null && builder.err == null
                ? ChildOutput.INHERIT
                : new ChildOutput(orStdout(builder.out), orStderr(builder.err));
        this.options = builder.options;
        ChildCommand childCommand = ChildCommand.ofCurrentJvm(home.root(), options);
        this.objects = new ObjectSpace(SharedKinds.registry(memoryFiles));
        QueueService queues = new QueueService(objects);
        this.processes = new ProcessService(childCommand,
                GraalJit.forPoolWorkers(builder.poolWorkerJit, home.root(), childCommand), childOutput,
                builder.prestartChildren, () -> rehearsalQueue(queues));
        this.context = ContextFactory.create(home, options, builder.argv,
                builder.in != null ? builder.in : System.in, orStdout(builder.out), orStderr(builder.err));
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "processes", processes);
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "objects", objects);
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "pipes", new PipeService(objects));
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "queues", queues);
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "readiness", new Readiness(processes::exitOf));
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "sockets", sockets);
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "memory", new MemoryService(objects));
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "managers", managers);
        // Which Truffle runtime runs Python here: "Interpreted" without a JIT compiler.
        context.getPolyglotBindings().putMember(BINDING_PREFIX + "runtime", context.getEngine().getImplementationName());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs {@code script} as {@code __main__}, with {@code sys.argv = [script, *args]}. */
    public int runFile(Path script, List<String> args) {
        return callRunner("run_file", script.toString(), argv(script.toString(), args).toArray());
    }

    /** Runs {@code code} as {@code python3 -c} does, with {@code sys.argv = ["-c", *args]}. */
    public int runCode(String code, List<String> args) {
        return callRunner("run_code", code, argv("-c", args).toArray());
    }

    /**
     * Runs {@code module} as {@code python3 -m} does: found on {@code sys.path} and run as
     * {@code __main__}, with {@code sys.argv = [its file, *args]}.
     */
    public int runModule(String module, List<String> args) {
        return callRunner("run_module", module, argv("-m", args).toArray());
    }

    /**
     * Runs the program on standard input as {@code python3 -} does, with
     * {@code sys.argv = ["-", *args]}; {@code ""} instead of {@code "-"} when no program was
     * named, which python3 accepts only when standard input is not a terminal.
     */
    public int runStandardInput(boolean named, List<String> args) {
        return callRunner("run_stdin", named, argv(named ? "-" : "", args).toArray());
    }

    /**
     * Imports what every child needs, before its payload arrives. Used by graalmp's own child
     * JVMs ({@link org.graalmp.launch.ChildMain}); not meant for applications.
     */
    public void prepareChild() {
        callRunner("prepare_child");
    }

    /**
     * Prepares, ahead of the payload, to run the parent's main script: compiles it and imports
     * the standard modules it imports. Used by graalmp's own spare child JVMs; not meant for
     * applications.
     */
    public void warmUpChild(String mainScript) {
        callRunner("warm_up_child", mainScript);
    }

    /**
     * Rehearses, ahead of the payload, a child's first steps: connecting to the root's hub,
     * unpickling a {@code Process} that holds a {@code Queue}, the first put and get. A fresh
     * context runs each of them slowly the first time. Returns whether the rehearsal went
     * through (a spare goes on either way). Used by graalmp's own spare child JVMs; not meant
     * for applications.
     */
    public boolean rehearseChild(Rehearsal rehearsal) {
        try {
            return callRunner("rehearse_child", rehearsal.hubAddress(), rehearsal.hubKey(), rehearsal.queueId()) == 0;
        } catch (PolyglotException e) {
            return false;  // a step failed in Java (the hub unreachable, say): the rehearsal is over
        }
    }

    /**
     * Runs a spawn payload in this host: the body of a graalmp child process. Used by graalmp's
     * own child JVMs ({@link org.graalmp.launch.ChildMain}); not meant for applications.
     */
    public int runChild(byte[] payload) {
        // Python receives bytes from Java as a latin-1 string: one char per byte, converted
        // in bulk, where a Java byte[] would be copied element by element (and is signed).
        return callRunner("run_child", new String(payload, StandardCharsets.ISO_8859_1));
    }

    /** Interpreter shutdown: atexit handlers, then any remaining children are killed. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            context.close();
        } catch (PolyglotException e) {
            if (!e.isExit()) {
                throw e;
            }
        } finally {
            processes.close();
            objects.close();
            sockets.close();
            memoryFiles.close();
            managers.close();
        }
    }

    private static List<String> argv(String first, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(first);
        argv.addAll(args);
        return argv;
    }

    private int callRunner(String function, Object... arguments) {
        if (closed) {
            throw new IllegalStateException("host is closed");
        }
        try {
            Value runner = context.eval("python", "import _graalmp.runner; _graalmp.runner");
            if (!configured) {
                // What GraalPy has no option for: sys._xoptions, -X faulthandler, -x, -u.
                runner.getMember("configure").execute(options.xOptions().toArray(), options.skipFirstLine(),
                        ContextFactory.unbuffered(options));
                configured = true;
            }
            return runner.getMember(function).execute(arguments).asInt();
        } catch (PolyglotException e) {
            if (e.isExit()) {  // os._exit() and friends end the program without unwinding
                return e.getExitStatus();
            }
            throw e;
        }
    }

    /** The queue that spares rehearse on: one per host, made when the first spare warms up. */
    private Optional<Rehearsal> rehearsalQueue(QueueService queues) {
        try {
            return Optional.of(new Rehearsal(objects.hubAddress(), objects.hubKey(), queues.create(0, false).id()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();  // spares only prepare; a child will meet the problem itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static OutputStream orStdout(OutputStream out) {
        return out != null ? out : new FileOutputStream(FileDescriptor.out);
    }

    private static OutputStream orStderr(OutputStream err) {
        return err != null ? err : new FileOutputStream(FileDescriptor.err);
    }

    /** Configures a {@link PythonHost}; every setting has a default. */
    public static final class Builder {
        private GraalmpHome home;
        private List<String> argv = List.of("python");
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private boolean prestartChildren = true;
        private GraalJit.Mode poolWorkerJit = GraalJit.Mode.configured();
        private InterpreterOptions options = InterpreterOptions.DEFAULT;

        private Builder() {
        }

        /**
         * python3's interpreter options (-E, -I, -W, -X, ...); default: none. Child processes
         * run with the same ones, as CPython's children get them on their command line.
         */
        public Builder options(InterpreterOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The graalmp installation folder; default: the {@code graalmp.home} system property. */
        public Builder home(Path root) {
            this.home = new GraalmpHome(Objects.requireNonNull(root, "root"));
            return this;
        }

        /** Standard input; default: this process's. */
        public Builder stdin(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
            return this;
        }

        /** Standard output, for the program and its child processes; default: this process's. */
        public Builder stdout(OutputStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Standard error, for the program and its child processes; default: this process's. */
        public Builder stderr(OutputStream err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        /**
         * Whether the program's {@code import multiprocessing} starts the warm pool's JVMs
         * (default: yes). graalmp's own child JVMs say no: few children start grandchildren,
         * so theirs fills on their first {@code start()} instead.
         */
        public Builder prestartChildren(boolean prestart) {
            this.prestartChildren = prestart;
            return this;
        }

        /**
         * Whether Pool workers run with the Graal JIT (see {@link GraalJit}); default: as the
         * {@value GraalJit#MODE_VARIABLE} environment variable says, else off.
         */
        public Builder poolWorkerJit(GraalJit.Mode mode) {
            this.poolWorkerJit = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public PythonHost build() {
            return new PythonHost(this);
        }
    }
}
