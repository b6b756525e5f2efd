package org.graalmp.cli;

import java.util.List;
import org.graalmp.cli.Command.Program;
import org.graalmp.host.InterpreterOptions;

/**
 * Reads a python3 command line as CPython 3.12's getopt does: options first, single-letter
 * flags combinable ({@code -Es}), option values attached or in the next argument
 * ({@code -Wd}, {@code -W d}); {@code -c} and {@code -m} end the options, and so do {@code -},
 * {@code --} and the first argument that is not an option (the program's file).
 */
final class CommandLineParser {

    private final List<String> args;
    private final InterpreterOptions.Builder options = InterpreterOptions.builder();
    private int next;  // the argument to read next
    private boolean help;
    private int version;

    private CommandLineParser(List<String> args) {
        this.args = List.copyOf(args);
    }

    static Command parse(List<String> args) throws UsageError {
        return new CommandLineParser(args).parse();
    }

    private Command parse() throws UsageError {
        Program program = null;
        while (program == null && next < args.size() && isOption(args.get(next))) {
            String arg = args.get(next++);
            if (arg.equals("--")) {
                break;
            }
            program = arg.startsWith("--") ? longOption(arg.substring(2)) : letters(arg);
        }
        if (help) {  // as in python3, help and version win over the program, not over errors
            return new Command.ShowHelp();
        }
        if (version > 0) {
            return new Command.ShowVersion(version);
        }
        if (program == null) {
            program = programFromArguments();
        }
        return new Command.Run(options.build(), program, args.subList(next, args.size()));
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("-") && !arg.equals("-");
    }

    /** After the options: a file, {@code -}, or nothing (both mean standard input but the first). */
    private Program programFromArguments() {
        if (next == args.size()) {
            return new Program.StandardInput(false);
        }
        String first = args.get(next++);
        return first.equals("-") ? new Program.StandardInput(true) : new Program.Script(first);
    }

    private Program longOption(String name) throws UsageError {
        switch (name) {
            case "help", "help-all", "help-env", "help-xoptions" -> help = true;
            case "version" -> version++;
            case "check-hash-based-pycs" -> {
                if (next == args.size()) {  // sic: python3 says "options" for a long one
                    throw UsageError.python("Argument expected for the --check-hash-based-pycs options");
                }
                String mode = args.get(next++);
                if (!InterpreterOptions.HASH_PYCS_MODES.contains(mode)) {
                    throw UsageError.python("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
                }
                options.checkHashPycs(mode);
            }
            default -> throw UsageError.python("unknown option --" + name);
        }
        return null;
    }

    /** One argument of single-letter options, such as {@code -Es} or {@code -Wdefault}. */
    private Program letters(String arg) throws UsageError {
        for (int i = 1; i < arg.length(); i++) {
            char letter = arg.charAt(i);
            String attached = arg.substring(i + 1);
            switch (letter) {
                case 'c' -> {
                    return new Program.Code(value("-c", attached));
                }
                case 'm' -> {
                    return new Program.Module(value("-m", attached));
                }
                case 'W' -> {
                    options.warnOption(value("-W", attached));
                    return null;
                }
                case 'X' -> {
                    options.xOption(value("-X", attached));
                    return null;
                }
                default -> otherLetter(letter);
            }
        }
        return null;
    }

    private void otherLetter(char letter) throws UsageError {
        switch (letter) {
            case 'h', '?' -> help = true;
            case 'V' -> version++;
            case 'J' -> throw UsageError.python("-J is reserved for Jython");
            case 'i' -> throw UsageError.unsupported(
                    "-i is not supported: graalmp has no interactive mode to inspect the program in");
            default -> {
                if (!options.flag(letter)) {
                    throw UsageError.python("Unknown option: -" + letter);
                }
            }
        }
    }

    /** An option's value: the rest of its argument, else the next argument. */
    private String value(String option, String attached) throws UsageError {
        if (!attached.isEmpty()) {
            return attached;
        }
        if (next == args.size()) {
            throw UsageError.python("Argument expected for the " + option + " option");
        }
        return args.get(next++);
    }
}
