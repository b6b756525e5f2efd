package org.graalmp.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;

/** Builds the GraalPy contexts graalmp runs Python in; each option says why it is set. */
final class ContextFactory {

    private ContextFactory() {
    }

    static Context create(GraalmpHome home, List<String> argv, InputStream in, OutputStream out, OutputStream err) {
        return Context.newBuilder("python")
                // Programs written for CPython expect files, processes, threads, sockets and
                // environment variables: a Python process has them all.
                .allowAllAccess(true)
                // graalmp's multiprocessing (and helper modules) shadow GraalPy's own.
                .option("python.PythonPath", home.shim().toString())
                // sys.executable must start a Python that behaves like this one.
                .option("python.Executable", home.launcher().toString())
                // python3 reads PYTHON* variables itself; an embedded context needs them as options.
                .options(environmentOptions())
                .options(bytecodeCacheOptions(home))
                // Stock JDKs run Truffle without its JIT; that is expected, not worth a warning.
                .option("engine.WarnInterpreterOnly", "false")
                // An empty sys.argv breaks imports in GraalPy: always pass the program's.
                .arguments("python", argv.toArray(String[]::new))
                .in(in)
                .out(out)
                .err(err)
                .build();
    }

    /** Maps the PYTHON* environment variables python3 honours to GraalPy's equivalent options. */
    private static Map<String, String> environmentOptions() {
        Map<String, String> options = new HashMap<>();
        String unbuffered = System.getenv("PYTHONUNBUFFERED");
        if (unbuffered != null && !unbuffered.isEmpty()) {
            options.put("python.UnbufferedIO", "true");
        }
        String seed = System.getenv("PYTHONHASHSEED");
        if (seed != null && seed.matches("\\d+")) {  // "random" is the default anyway
            options.put("python.HashSeed", seed);
        }
        copyIfSet("PYTHONIOENCODING", "python.StandardStreamEncoding", options);
        copyIfSet("PYTHONWARNINGS", "python.WarnOptions", options);
        return options;
    }

    /**
     * GraalPy writes no bytecode by default, so every process would compile the standard
     * library again (a third of a child's start-up). Write it, as python3 does, but to one
     * folder of the installation's, since GraalPy's stdlib lives in a read-only place.
     * PYTHONDONTWRITEBYTECODE and PYTHONPYCACHEPREFIX keep their python3 meaning.
     */
    private static Map<String, String> bytecodeCacheOptions(GraalmpHome home) {
        String dontWrite = System.getenv("PYTHONDONTWRITEBYTECODE");
        if (dontWrite != null && !dontWrite.isEmpty()) {
            return Map.of();
        }
        String prefix = System.getenv("PYTHONPYCACHEPREFIX");
        Path folder = prefix != null && !prefix.isEmpty() ? Path.of(prefix) : home.bytecodeCache();
        if (!isWritableFolder(folder)) {
            return Map.of();
        }
        return Map.of("python.DontWriteBytecodeFlag", "false",
                "python.PyCachePrefix", folder.toAbsolutePath().toString());
    }

    private static boolean isWritableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.isWritable(folder);
        } catch (IOException | SecurityException e) {
            return false;  // a read-only installation: run without the cache
        }
    }

    private static void copyIfSet(String variable, String option, Map<String, String> options) {
        String value = System.getenv(variable);
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }
}
