package org.graalmp.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.graalmp.host.PythonHost;

/**
 * {@code ./graalmp FILE.py [ARGS...]}, {@code ./graalmp -c CODE [ARGS...]} and
 * {@code ./graalmp --version}: runs Python the way {@code python3} does, with the same
 * standard streams and exit status.
 */
public final class Main {

    /** python3's status for a command-line usage error. */
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage("interactive mode is not supported: give FILE.py or -c CODE");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "--version", "-V" -> {
                System.out.println(VersionReport.describe());
                yield 0;
            }
            case "-h", "--help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            case "-c" -> rest.isEmpty()
                    ? usage("Argument expected for the -c option")
                    : runHost(host -> host.runCode(rest.get(0), rest.subList(1, rest.size())));
            default -> args[0].startsWith("-") && !args[0].equals("-")
                    ? usage("unknown option " + args[0])
                    : runHost(host -> host.runFile(Path.of(args[0]), rest));
        };
    }

    private static final String USAGE = """
            usage: graalmp [--version] (FILE.py | -c CODE) [ARGS...]
            Runs a Python program on GraalPy with graalmp's multiprocessing, like python3 does.""";

    private static int usage(String problem) {
        System.err.println("graalmp: " + problem);
        System.err.println(USAGE);
        return USAGE_ERROR;
    }

    private interface Program {
        int runIn(PythonHost host);
    }

    private static int runHost(Program program) {
        int status;
        try (PythonHost host = PythonHost.builder().build()) {
            status = program.runIn(host);
        }
        return status;
    }
}
