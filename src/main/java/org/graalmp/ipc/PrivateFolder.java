package org.graalmp.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A fresh folder only this user can enter (0700), removed with everything in it by
 * {@link #close()} or, for a process ended by a signal (SIGTERM, Ctrl-C) that never reaches
 * close(), by a shutdown hook. Holds the files processes rendezvous on: the hub's socket,
 * shared-memory blocks.
 */
public final class PrivateFolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PrivateFolder.class.getName());

    private final Path path;
    private final Thread removeAtExit;
    private boolean closed;

    private PrivateFolder(Path path) {
        this.path = path;
        this.removeAtExit = new Thread(this::remove, "graalmp-cleanup-" + path.getFileName());
        Runtime.getRuntime().addShutdownHook(removeAtExit);
    }

    /**
     * A new folder named {@code prefix<pid>-...} in {@code parent}, or in java.io.tmpdir when
     * parent is null. The creator's pid in the name tells whose a folder is, among the folders of
     * every graalmp process on the machine: whether a leftover's creator still runs, and the test
     * suite's leak check, which counts only its own run's.
     */
    public static PrivateFolder create(Path parent, String prefix) throws IOException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        String named = prefix + ProcessHandle.current().pid() + "-";
        return new PrivateFolder(parent == null
                ? Files.createTempDirectory(named, ownerOnly)
                : Files.createTempDirectory(parent, named, ownerOnly));
    }

    public Path path() {
        return path;
    }

    /** Removes the folder and its files. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(removeAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        remove();
    }

    private void remove() {
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path entry : deepestFirst) {
                Files.deleteIfExists(entry);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // already removed
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not remove " + path, e);
        }
    }
}
