package org.graalmp.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private final String prefix;
    private final Thread removeAtExit;
    private boolean closed;

    private PrivateFolder(Path path, String prefix) {
        this.path = path;
        this.prefix = prefix;
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
        PrivateFolder folder = new PrivateFolder(parent == null
                ? Files.createTempDirectory(named, ownerOnly)
                : Files.createTempDirectory(parent, named, ownerOnly), prefix);
        removeStale(folder.path.getParent(), prefix);
        return folder;
    }

    /**
     * Removes the folders in {@code parent} named {@code prefix<pid>-...} that this user owns and
     * whose creator no longer runs: a process killed outright (SIGKILL, or a child JVM halted
     * because its parent died) never removes its own. A folder whose pid runs again (reused by
     * another process) is left alone. Returns what was removed.
     */
    public static List<Path> removeStale(Path parent, String prefix) {
        Pattern named = Pattern.compile(Pattern.quote(prefix) + "(\\d{1,10})-[^/]+");
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(parent)) {
            UserPrincipal me = Files.getOwner(Path.of("/proc/self"));  // Linux: this process's user
            for (Path entry : entries.toList()) {
                Matcher creator = named.matcher(entry.getFileName().toString());
                if (creator.matches() && isGone(Long.parseLong(creator.group(1)))
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isOwnedBy(entry, me)) {
                    removeTree(entry);
                    removed.add(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "could not look for stale folders in " + parent, e);
        }
        return removed;
    }

    private static boolean isGone(long pid) {
        return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }

    private static boolean isOwnedBy(Path entry, UserPrincipal user) throws IOException {
        return Files.getOwner(entry, LinkOption.NOFOLLOW_LINKS).equals(user);
    }

    public Path path() {
        return path;
    }

    /**
     * Removes the folder and its files, and the stale folders beside it (those of this
     * process's children killed outright, such as a manager's server). Idempotent.
     */
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
        removeStale(path.getParent(), prefix);
    }

    private void remove() {
        removeTree(path);
    }

    private static void removeTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path entry : deepestFirst) {
                Files.deleteIfExists(entry);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // already removed
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "could not remove " + root, e);
        }
    }
}
