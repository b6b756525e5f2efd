package org.graalmp.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The leak check itself: it fails on a leftover process or file, and passes without. */
class LeakCheckTests {

    @TempDir
    Path tmp;

    private LeakScope scope(Optional<String> marker) {
        return new LeakScope(ProcessHandle.current(), marker, List.of(tmp), "graalmp-");
    }

    @Test
    void failsNamingALeftoverProcessAndFolderThenPassesOnceTheyAreGone() throws Exception {
        String pid = Long.toString(ProcessHandle.current().pid());
        Files.createDirectory(tmp.resolve("graalmp-" + pid + "-older"));  // there before: not the class's doing
        LeakScope scope = scope(Optional.empty());
        LeakScope.Snapshot before = scope.snapshot();
        Process sleep = new ProcessBuilder("sleep", "60").start();
        Path folder = Files.createDirectory(tmp.resolve("graalmp-" + pid + "-leaked"));
        Files.createFile(folder.resolve("hub"));

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> LeakCheck.failIfAny("SomeTests", scope.leftoversSince(before)));
        assertAll(
                () -> assertTrue(failure.getMessage().startsWith("SomeTests left behind"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("process " + sleep.pid() + ": "), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("sleep 60"), failure.getMessage()),
                () -> assertTrue(failure.getMessage().contains("folder " + folder + " holding hub"), failure.getMessage()),
                () -> assertFalse(failure.getMessage().contains("-older"), failure.getMessage()),
                () -> assertTrue(sleep.waitFor(5, TimeUnit.SECONDS), "the leftover process was killed"));

        Files.delete(folder.resolve("hub"));
        Files.delete(folder);
        LeakScope.Leftovers none = scope.awaitLeftoversSince(before, Duration.ofSeconds(5));
        assertTrue(none.isEmpty(), none::describe);
        assertDoesNotThrow(() -> LeakCheck.failIfAny("SomeTests", none));
    }

    @Test
    void countsAFolderOnlyIfItsCreatorsPidIsThisRunsOrGone() throws Exception {
        LeakScope scope = scope(Optional.empty());
        LeakScope.Snapshot before = scope.snapshot();
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path ours = Files.createDirectory(tmp.resolve("graalmp-" + ProcessHandle.current().pid() + "-1"));
        Path orphaned = Files.createDirectory(tmp.resolve("graalmp-mem-" + exited.pid() + "-2"));
        // pid 1 runs, and is no descendant of this JVM: like another checkout's test JVM
        Files.createDirectory(tmp.resolve("graalmp-1-3"));
        // no pid: made by a graalmp older than pids in names, so not by this run
        Files.createDirectory(tmp.resolve("graalmp-4242424242424242"));

        assertEquals(List.of(ours, orphaned).stream().sorted().toList(),
                scope.leftoversSince(before).files().stream().sorted().toList());
    }

    @Test
    void countsAProcessReparentedAwayWhenItsArgumentsNameTheRun() throws Exception {
        String marker = "61.25";  // stands for -Dgraalmp.home=<this checkout>
        LeakScope scope = scope(Optional.of(marker));
        LeakScope.Snapshot before = scope.snapshot();
        // the shell exits at once: its sleep is re-parented, no descendant of this JVM any more
        Process shell = new ProcessBuilder("sh", "-c", "sleep " + marker + " >/dev/null 2>&1 & echo $!").start();
        long orphan = Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        shell.waitFor();
        try {
            assertTrue(ProcessHandle.current().descendants().noneMatch(p -> p.pid() == orphan));
            assertEquals(List.of(orphan), scope.leftoversSince(before).processes().stream().map(ProcessHandle::pid).toList());
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void isRegisteredForEveryTestClass() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LeakCheckTests.class.getResourceAsStream("/junit-platform.properties")) {
            properties.load(in);
        }
        assertAll(
                () -> assertEquals("true", properties.getProperty("junit.jupiter.extensions.autodetection.enabled")),
                () -> assertTrue(ServiceLoader.load(Extension.class).stream().anyMatch(p -> p.type() == LeakCheck.class)));
    }
}
