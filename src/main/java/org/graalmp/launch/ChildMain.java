package org.graalmp.launch;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.graalmp.host.InterpreterOptions;
import org.graalmp.host.PythonHost;

/**
 * Entry point of a child JVM. Builds its Python context and imports what every child needs,
 * then reads the spawn payload (preparation data and the pickled {@code Process}) from
 * standard input, runs it as CPython's spawn child does and exits with the process's exit code.
 *
 * <p>Standard input stays open for the child's whole life: the parent holds the other end.
 * End of input means the parent is gone, and the child halts rather than linger as an orphan.
 */
public final class ChildMain {

    /** Exit status of a child whose parent vanished; nobody is left to read it. */
    private static final int ORPHANED = 1;

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(System.in);
        int exitCode;
        InterpreterOptions options = InterpreterOptions.fromProperty(System.getProperty(InterpreterOptions.PROPERTY));
        try (PythonHost host = PythonHost.builder().stdin(InputStream.nullInputStream())
                .options(options).prestartChildren(false).build()) {
            // Everything up to here may happen long before the parent's start(): the JVM may
            // be a spare in the parent's warm pool. So the payload is read only now.
            host.prepareChild();
            byte[] payload = PayloadFraming.read(in);
            watchParent(in);
            exitCode = host.runChild(payload);
        } catch (EOFException parentGone) {
            exitCode = ORPHANED;  // a spare whose parent ended or no longer needs it
        }
        System.exit(exitCode);
    }

    private static void watchParent(InputStream fromParent) {
        Thread watcher = new Thread(() -> {
            try {
                while (fromParent.read() >= 0) {
                    // the parent sends nothing more; any byte is ignored
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of input
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "graalmp-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
