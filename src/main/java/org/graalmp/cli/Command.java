package org.graalmp.cli;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.host.InterpreterOptions;
import org.graalmp.host.PythonHost;

/** What a graalmp command line asks for: run a program, or show the help or the version. */
sealed interface Command {

    /** Runs {@code program} with {@code options}; {@code args} become {@code sys.argv[1:]}. */
    record Run(InterpreterOptions options, Program program, List<String> args) implements Command {
        public Run {
            args = List.copyOf(args);
        }
    }

    /** {@code -h}, {@code -?}, {@code --help} and the {@code --help-*} variants. */
    record ShowHelp() implements Command {
    }

    /** {@code -V} or {@code --version}; {@code -VV} asks for more detail. */
    record ShowVersion(int times) implements Command {
    }

    /** Where the program comes from, as python3 names it on its command line. */
    sealed interface Program {
        /** Runs this program in {@code host}; its exit status. */
        int runIn(PythonHost host, List<String> args);

        /** {@code -c CODE}. */
        record Code(String code) implements Program {
            @Override
            public int runIn(PythonHost host, List<String> args) {
                return host.runCode(code, args);
            }
        }

        /** {@code -m MODULE}. */
        record Module(String name) implements Program {
            @Override
            public int runIn(PythonHost host, List<String> args) {
                return host.runModule(name, args);
            }
        }

        /** {@code FILE}. */
        record Script(String path) implements Program {
            @Override
            public int runIn(PythonHost host, List<String> args) {
                return host.runFile(Path.of(path), args);
            }
        }

        /** {@code -} ({@code named}), or no program at all: standard input. */
        record StandardInput(boolean named) implements Program {
            @Override
            public int runIn(PythonHost host, List<String> args) {
                return host.runStandardInput(named, args);
            }
        }
    }
}
