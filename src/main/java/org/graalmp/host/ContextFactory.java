package org.graalmp.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Context;

/** Builds the GraalPy contexts graalmp runs Python in; each option says why it is set. */
final class ContextFactory {

    private ContextFactory() {
    }

    static Context create(GraalmpHome home, InterpreterOptions flags, List<String> argv,
            InputStream in, OutputStream out, OutputStream err) {
        Environment environment = Environment.of(flags);
        return Context.newBuilder("python")
                // Programs written for CPython expect files, processes, threads, sockets and
                // environment variables: a Python process has them all.
                .allowAllAccess(true)
                // graalmp's multiprocessing (and helper modules) shadow GraalPy's own.
                .option("python.PythonPath", pythonPath(home, environment))
                // sys.executable must start a Python that behaves like this one.
                .option("python.Executable", home.launcher().toString())
                // python3 reads PYTHON* variables itself; an embedded context needs them as options.
                .options(environmentOptions(environment))
                // python3's command-line flags; where both are given, a flag overrides a variable.
                .options(flagOptions(flags, environment))
                .options(bytecodeCacheOptions(home, flags, environment))
                // Stock JDKs run Truffle without its JIT; that is expected, not worth a warning.
                .option("engine.WarnInterpreterOnly", "false")
                // An empty sys.argv breaks imports in GraalPy: always pass the program's.
                .arguments("python", argv.toArray(String[]::new))
                .in(in)
                .out(out)
                .err(err)
                .build();
    }

    /** The PYTHON* variables as this context sees them: none at all under -E and -I. */
    @FunctionalInterface
    interface Environment {
        String get(String name);

        static Environment of(InterpreterOptions flags) {
            return flags.ignoreEnvironment() ? name -> null : System::getenv;
        }

        default Optional<String> nonEmpty(String name) {
            return Optional.ofNullable(get(name)).filter(value -> !value.isEmpty());
        }
    }

    /**
     * PYTHONPATH's folders come first, as in python3 (before the standard library, which the
     * shim belongs to).
     */
    private static String pythonPath(GraalmpHome home, Environment environment) {
        return environment.nonEmpty("PYTHONPATH").map(given -> given + File.pathSeparator).orElse("")
                + home.shim();
    }

    /** Whether the program's stdout and stderr are unbuffered: -u, or PYTHONUNBUFFERED unless -E. */
    static boolean unbuffered(InterpreterOptions flags) {
        return flags.unbuffered() || Environment.of(flags).nonEmpty("PYTHONUNBUFFERED").isPresent();
    }

    /**
     * Maps the PYTHON* environment variables python3 honours to GraalPy's equivalent options
     * (PYTHONUNBUFFERED goes with -u, in {@link #unbuffered}).
     */
    private static Map<String, String> environmentOptions(Environment environment) {
        Map<String, String> options = new HashMap<>();
        environment.nonEmpty("PYTHONHASHSEED")
                .filter(seed -> seed.matches("\\d+"))  // "random" is the default anyway
                .ifPresent(seed -> options.put("python.HashSeed", seed));
        environment.nonEmpty("PYTHONIOENCODING").ifPresent(value -> options.put("python.StandardStreamEncoding", value));
        return options;
    }

    /**
     * The options for python3's command-line flags that GraalPy has one for. -b and -d have
     * none (sys.flags shows them as GraalPy's defaults); -OO is -O, as GraalPy's optimize
     * flag is on or off.
     */
    private static Map<String, String> flagOptions(InterpreterOptions flags, Environment environment) {
        Map<String, String> options = new HashMap<>();
        putIf(options, flags.ignoreEnvironment(), "python.IgnoreEnvironmentFlag");
        putIf(options, flags.isolated(), "python.IsolateFlag");
        putIf(options, flags.safePath(), "python.SafePathFlag");
        putIf(options, flags.noUserSite(), "python.NoUserSiteFlag");
        putIf(options, flags.noSite(), "python.NoSiteFlag");
        putIf(options, unbuffered(flags), "python.UnbufferedIO");
        putIf(options, flags.optimize() > 0, "python.PythonOptimizeFlag");
        putIf(options, flags.verbose() > 0, "python.VerboseFlag");
        putIf(options, flags.quiet(), "python.QuietFlag");
        putIf(options, flags.hasXOption("warn_default_encoding"), "python.WarnDefaultEncodingFlag");
        Optional.ofNullable(flags.xOptionValue("int_max_str_digits")).filter(digits -> digits.matches("\\d+"))
                .ifPresent(digits -> options.put("python.IntMaxStrDigits", digits));
        if (flags.checkHashPycs() != null) {
            options.put("python.CheckHashPycsMode", flags.checkHashPycs());
        }
        String warnings = String.join(",", warnOptions(flags, environment));
        if (!warnings.isEmpty()) {
            options.put("python.WarnOptions", warnings);
        }
        return options;
    }

    /**
     * sys.warnoptions in CPython's order: "default" for -X dev, PYTHONWARNINGS's items, each -W,
     * then -b's BytesWarning filter; as in CPython, an option already there is not added again.
     * GraalPy splits its option at commas (so a -W argument with a comma is split too, unlike
     * in python3).
     */
    private static List<String> warnOptions(InterpreterOptions flags, Environment environment) {
        List<String> given = new ArrayList<>();
        if (flags.hasXOption("dev")) {
            given.add("default");
        }
        environment.nonEmpty("PYTHONWARNINGS").ifPresent(value -> given.addAll(List.of(value.split(","))));
        given.addAll(flags.warnOptions());
        if (flags.bytesWarning() > 0) {
            given.add(flags.bytesWarning() > 1 ? "error::BytesWarning" : "default::BytesWarning");
        }
        return given.stream().filter(option -> !option.isEmpty()).distinct().toList();
    }

    private static void putIf(Map<String, String> options, boolean set, String option) {
        if (set) {
            options.put(option, "true");
        }
    }

    /**
     * GraalPy writes no bytecode by default, so every process would compile the standard
     * library again (a third of a child's start-up). Keep it, as python3 does, but in one
     * folder of the installation's, since GraalPy's stdlib lives in a read-only place. -B and
     * PYTHONDONTWRITEBYTECODE stop the writing only: python3 still reads the bytecode its
     * installation ships, and the launcher fills this folder with the standard library's.
     * -X pycache_prefix and PYTHONPYCACHEPREFIX name another folder, as in python3.
     */
    private static Map<String, String> bytecodeCacheOptions(GraalmpHome home, InterpreterOptions flags,
            Environment environment) {
        Path folder = Optional.ofNullable(flags.xOptionValue("pycache_prefix")).filter(prefix -> !prefix.isEmpty())
                .or(() -> environment.nonEmpty("PYTHONPYCACHEPREFIX"))
                .map(Path::of).orElse(home.bytecodeCache());
        boolean write = !flags.dontWriteBytecode() && environment.nonEmpty("PYTHONDONTWRITEBYTECODE").isEmpty()
                && isWritableFolder(folder);
        Map<String, String> options = new HashMap<>(Map.of("python.DontWriteBytecodeFlag", String.valueOf(!write)));
        if (Files.isDirectory(folder)) {
            options.put("python.PyCachePrefix", folder.toAbsolutePath().toString());
        }
        return options;
    }

    private static boolean isWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.isWritable(folder);
        } catch (IOException | SecurityException e) {
            return false;  // a read-only installation: read what is there, write nothing
        }
    }
}
