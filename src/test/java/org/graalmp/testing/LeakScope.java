package org.graalmp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where one test run's graalmp processes and files can be, told apart from those of other
 * runs on the same machine (other checkouts, other users of /tmp and /dev/shm).
 *
 * <p>A process is the run's if it descends from {@code root} or its arguments include
 * {@code marker} (every graalmp JVM names its installation, {@code -Dgraalmp.home=...}: a child
 * whose parent died is re-parented away from {@code root}, but still names it). A file is an
 * entry of {@code folders} named {@code <prefix>[kind-]<pid>-...} (as {@code PrivateFolder}
 * names them) whose creator, the pid, is the run's or gone: another run's live process may
 * keep its folders as long as it likes.
 */
public record LeakScope(ProcessHandle root, Optional<String> marker, List<Path> folders, String prefix) {

    private static final Duration POLL = Duration.ofMillis(200);
    /** After the prefix: an optional kind ({@code mem-}), the creator's pid, a random part. */
    private static final Pattern CREATOR = Pattern.compile("(?:[a-z]+-)?(\\d{1,10})-.+");

    /** This JVM's run: its descendants, this checkout's graalmp JVMs, java.io.tmpdir and /dev/shm. */
    public static LeakScope ofThisRun() {
        Optional<String> marker = Optional.ofNullable(System.getProperty("graalmp.home"))
                .map(home -> "-Dgraalmp.home=" + Path.of(home).toAbsolutePath().normalize());
        List<Path> folders = Stream.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))
                .filter(Files::isDirectory).distinct().toList();
        return new LeakScope(ProcessHandle.current(), marker, folders, "graalmp-");
    }

    /** What exists now: compared against later, so that only what appeared since counts. */
    public record Snapshot(Set<ProcessHandle> processes, Set<Path> files) {
    }

    /** What appeared since a snapshot and is still there. */
    public record Leftovers(List<ProcessHandle> processes, List<Path> files) {

        public boolean isEmpty() {
            return processes.isEmpty() && files.isEmpty();
        }

        /** One line per leftover: a process's pid and command line, a file and what it holds. */
        public String describe() {
            List<String> lines = new ArrayList<>();
            processes.forEach(p -> lines.add("process " + p.pid() + ": " + commandLine(p)));
            files.forEach(f -> lines.add((Files.isDirectory(f) ? "folder " : "file ") + f + contents(f)));
            return String.join("\n", lines);
        }

        /** Kills the leftover processes (and theirs), so that they do not outlive the run. */
        public void kill() {
            for (ProcessHandle process : processes) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(Set.copyOf(processes()), Set.copyOf(files()));
    }

    /** What appeared since {@code before} and is still there now. */
    public Leftovers leftoversSince(Snapshot before) {
        List<ProcessHandle> running = processes();
        List<ProcessHandle> processes = running.stream().filter(p -> !before.processes().contains(p)).toList();
        List<Path> files = files().stream()
                .filter(f -> !before.files().contains(f) && isThisRuns(f, running))
                .toList();
        return new Leftovers(processes, files);
    }

    /**
     * The leftovers once they stop disappearing, or after {@code grace}: a child may still be
     * exiting, and its shutdown hook removing its folder, when its parent's test ends.
     */
    public Leftovers awaitLeftoversSince(Snapshot before, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        Leftovers left = leftoversSince(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            left = leftoversSince(before);
        }
        return left;
    }

    /** The run's live processes, {@code root} aside. */
    private List<ProcessHandle> processes() {
        Stream<ProcessHandle> marked = marker.stream()
                .flatMap(m -> ProcessHandle.allProcesses().filter(p -> arguments(p).contains(m)));
        return Stream.concat(root.descendants(), marked)
                .filter(p -> !p.equals(root) && p.isAlive())
                .distinct()
                .sorted()
                .toList();
    }

    private List<Path> files() {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> entries = Files.list(folder)) {
                entries.filter(e -> e.getFileName().toString().startsWith(prefix)).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return found;
    }

    /**
     * Named by its creator's pid, and that creator is {@code root}, one of the run's processes,
     * or gone (so it cannot remove the folder any more). graalmp names every folder it makes
     * with its creator's pid; one without is an older graalmp's, so another run's.
     */
    private boolean isThisRuns(Path file, List<ProcessHandle> running) {
        Matcher creator = CREATOR.matcher(file.getFileName().toString().substring(prefix.length()));
        if (!creator.matches()) {
            return false;
        }
        long pid = Long.parseLong(creator.group(1));
        boolean ours = pid == root.pid() || running.stream().anyMatch(p -> p.pid() == pid);
        return ours || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(Arrays::asList).orElse(List.of());
    }

    /** The command line with the class path left out: it is long and says nothing here. */
    static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        List<String> words = new ArrayList<>();
        info.command().ifPresent(words::add);
        boolean classPathNext = false;
        for (String argument : info.arguments().orElse(new String[0])) {
            words.add(classPathNext ? "..." : argument);
            classPathNext = argument.equals("-cp") || argument.equals("-classpath") || argument.equals("--class-path");
        }
        return words.isEmpty() ? "(command line unknown)" : String.join(" ", words);
    }

    private static String contents(Path path) {
        if (!Files.isDirectory(path)) {
            return "";
        }
        try (Stream<Path> entries = Files.list(path)) {
            Set<String> names = entries.map(e -> e.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            return names.isEmpty() ? " (empty)" : " holding " + String.join(", ", names);
        } catch (IOException e) {
            return " (unreadable: " + e.getMessage() + ")";
        }
    }
}
