package org.graalmp.host;

import java.io.InputStream;
import java.io.OutputStream;
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

    private static void copyIfSet(String variable, String option, Map<String, String> options) {
        String value = System.getenv(variable);
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }
}
