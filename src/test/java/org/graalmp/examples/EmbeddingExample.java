package org.graalmp.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalmp.host.PythonHost;

/**
 * Embedding graalmp in a Java application: run a Python program that starts a child
 * process, get its exit status, close the host. Run it with the test class path:
 * {@code java -Dgraalmp.home=. -cp ... org.graalmp.examples.EmbeddingExample}.
 */
public final class EmbeddingExample {

    static final String PROGRAM = """
            from multiprocessing import Process, current_process
            import sys

            def greet(who):
                print(f'hello {who} from {current_process().name}')

            if __name__ == '__main__':
                p = Process(target=greet, args=('Java',))
                p.start()
                p.join()
                sys.exit(p.exitcode + 7)
            """;

    private EmbeddingExample() {
    }

    /** Writes the program to {@code folder}, runs it and returns its exit status. */
    public static int run(Path folder) throws IOException {
        Path script = Files.writeString(folder.resolve("greet.py"), PROGRAM);
        try (PythonHost python = PythonHost.builder().build()) {
            return python.runFile(script, List.of());
        }
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createTempDirectory("graalmp-example");
        System.out.println("exit status " + run(folder));
    }
}
