package org.graalmp.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Graal JIT compiler for child JVMs on a stock JDK: Truffle compiles hot Python to machine
 * code instead of interpreting it. It needs JDK 25's JVMCI and the compiler jar of GraalPy's
 * version, which the build copies to {@code target/jit-lib} (not on the class path: only
 * JVMs started with it use it). Without either, nothing changes: the child runs interpreted.
 *
 * <p>Overview: {@code --upgrade-module-path}, which puts the compiler into the boot layer, also
 * switches the JDK's AOT cache off, and the compiler itself starts cold (it is Java, compiled
 * by the JVM as it runs): a JIT JVM starts seconds slower and spends its first seconds of CPU
 * compiling. Measured on 2 cores: a JIT Pool worker is up in 15-49 s instead of 2.6-9 s, its
 * first CPU-heavy task is slower than interpreted, and it overtakes the interpreter (and
 * CPython) after about a minute of work. So it is for Pool workers of long CPU-heavy programs,
 * when {@value #MODE_VARIABLE} asks for it; they start cold, not from the warm pool, whose
 * spares are plain children.
 */
public record GraalJit(List<Path> modulePath) {

    /** Names whether Pool workers get the JIT: {@code on} or {@code off} (the default). */
    public static final String MODE_VARIABLE = "GRAALMP_JIT";
    /** The first JDK whose JVMCI the compiler jar of GraalPy 25 works with. */
    static final int FIRST_JDK = 25;

    private static final Logger LOG = Logger.getLogger(GraalJit.class.getName());

    /** Whether Pool workers run with the JIT where the JDK can. */
    public enum Mode {
        ON, OFF;

        /** As {@value #MODE_VARIABLE} says; off when unset. */
        public static Mode configured() {
            return parse(System.getenv(MODE_VARIABLE));
        }

        static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return OFF;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                LOG.warning(MODE_VARIABLE + " is neither 'on' nor 'off': " + value);
                return OFF;
            }
        }
    }

    public GraalJit {
        modulePath = List.copyOf(modulePath);
    }

    /**
     * How Pool workers start: {@code base} with the JIT when {@code mode} asks for it and the
     * JDK can; empty when they start as any child (JDK 17, say, has no JVMCI for this compiler).
     */
    public static Optional<ChildCommand> forPoolWorkers(Mode mode, Path home, ChildCommand base) {
        if (mode != Mode.ON) {
            return Optional.empty();
        }
        return locate(home).map(jit -> jit.applyTo(base));
    }

    /** The JIT of the installation at {@code home}, if this JDK can run it and the jars are there. */
    public static Optional<GraalJit> locate(Path home) {
        return locate(home.resolve("target").resolve("jit-lib"), Runtime.version().feature());
    }

    static Optional<GraalJit> locate(Path jitLibrary, int jdkFeature) {
        if (jdkFeature < FIRST_JDK || !Files.isDirectory(jitLibrary)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(jitLibrary)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
            boolean hasCompiler = jars.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("compiler-"));
            return hasCompiler ? Optional.of(new GraalJit(jars)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code command} with the JIT: the AOT cache and C1-only tiering with its lowered
     * thresholds dropped (the one cannot be used beside the compiler module, the other would
     * leave the compiler's own code slow), the compiler module added.
     */
    public ChildCommand applyTo(ChildCommand command) {
        List<String> options = new ArrayList<>(command.jvmOptions().stream().filter(GraalJit::survives).toList());
        options.add("-XX:+UnlockExperimentalVMOptions");
        options.add("-XX:+EnableJVMCI");
        options.add("--upgrade-module-path=" + modulePath.stream().map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator)));
        return new ChildCommand(command.javaExecutable(), command.classPath(), options);
    }

    private static boolean survives(String option) {
        return !option.startsWith("-XX:AOTCache=") && !option.startsWith("-XX:TieredStopAtLevel=")
                && !option.startsWith("-XX:CompileThresholdScaling=")
                && !option.startsWith("-Xlog:aot") && !option.startsWith("-Xlog:cds");
    }
}
