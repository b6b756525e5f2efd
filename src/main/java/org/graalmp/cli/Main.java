package org.graalmp.cli;

import java.util.Arrays;
import org.graalmp.host.PythonHost;

/**
 * {@code ./graalmp [option] ... [-c cmd | -m mod | file | -] [arg] ...}: runs Python the way
 * {@code python3} does, with the same command line, standard streams and exit status.
 */
public final class Main {

    /** python3's status for a command-line usage error. */
    private static final int USAGE_ERROR = 2;

    /** python3's usage line, naming graalmp. */
    static final String USAGE_LINE = "usage: graalmp [option] ... [-c cmd | -m mod | file | -] [arg] ...";

    /** What python3 prints after a usage error (it names "python" whatever it is called). */
    static final String TRY_HELP = "Try `python -h' for more information.";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Command command;
        try {
            command = CommandLineParser.parse(Arrays.asList(args));
        } catch (UsageError e) {
            return report(e);
        }
        // (Java 17: no pattern matching in switch yet.)
        if (command instanceof Command.Run run) {
            return run(run);
        }
        System.out.print(command instanceof Command.ShowHelp ? Help.TEXT : VersionReport.describe() + "\n");
        return 0;
    }

    private static int report(UsageError error) {
        if (error.withUsage()) {
            System.err.println(error.getMessage());
            System.err.println(USAGE_LINE);
            System.err.println(TRY_HELP);
        } else {
            System.err.println("graalmp: " + error.getMessage());
        }
        return USAGE_ERROR;
    }

    private static int run(Command.Run run) {
        try (PythonHost host = PythonHost.builder().options(run.options()).build()) {
            return run.program().runIn(host, run.args());
        }
    }
}
