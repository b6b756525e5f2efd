package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.graalmp.launch.ChildInput;
import org.graalmp.launch.ChildInput.Rehearsal;
import org.graalmp.launch.ChildInput.WarmUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm pool's bookkeeping, with {@code sleep} processes standing in for child JVMs. */
class WarmPoolTests {

    private static final LaunchSpec HERE = new LaunchSpec("/tmp", Map.of("A", "1"));
    private static final LaunchSpec ELSEWHERE = new LaunchSpec("/", Map.of("A", "1"));
    private static final Duration LONG_BOOT = Duration.ofSeconds(3);
    private static final WarmPool.IdleCores ALWAYS_IDLE = () -> OptionalDouble.of(64);

    private final List<Process> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void endAll() {
        started.forEach(Process::destroyForcibly);
    }

    private Process sleeper(LaunchSpec spec) throws IOException {
        Process process = new ProcessBuilder("sleep", "60").start();
        started.add(process);
        return process;
    }

    @Test
    void eachSpareServesOneChildAndIsReplaced() {
        try (WarmPool pool = new WarmPool(1, Duration.ZERO, ALWAYS_IDLE, this::sleeper)) {
            pool.fill(HERE);
            pool.fill(HERE);
            assertEquals(1, started.size(), "a full pool starts nothing more");
            Optional<Process> first = pool.take(HERE);
            Optional<Process> second = pool.take(HERE);
            assertAll(
                    () -> assertEquals(Optional.of(started.get(0)), first),
                    () -> assertEquals(Optional.of(started.get(1)), second, "the replacement"),
                    () -> assertEquals(3, started.size()));
        }
    }

    @Test
    void aSpareServesOnlyItsOwnSpecAndStaleSparesAreEnded() throws Exception {
        try (WarmPool pool = new WarmPool(1, Duration.ZERO, ALWAYS_IDLE, this::sleeper)) {
            pool.fill(HERE);
            Process forHere = started.get(0);
            assertFalse(pool.take(ELSEWHERE).isPresent(), "another working directory gets a cold child");
            assertTrue(forHere.waitFor(10, TimeUnit.SECONDS), "the spare for the old spec is killed");
            assertEquals(Optional.of(started.get(1)), pool.take(ELSEWHERE));
            assertFalse(pool.take(new LaunchSpec("/", Map.of("A", "2"))).isPresent(),
                    "another environment gets a cold child");
        }
    }

    @Test
    void aDeadSpareIsNeverHandedOut() throws Exception {
        try (WarmPool pool = new WarmPool(1, Duration.ZERO, ALWAYS_IDLE, this::sleeper)) {
            pool.fill(HERE);
            started.get(0).destroyForcibly().waitFor();
            assertFalse(pool.take(HERE).isPresent());
        }
    }

    @Test
    void sparesBootOneAtATimeAndNeverBesideAChildStillBooting() throws Exception {
        try (WarmPool pool = new WarmPool(2, LONG_BOOT, ALWAYS_IDLE, this::sleeper)) {
            pool.fill(HERE);
            assertEquals(1, started.size(), "one spare boots at a time");
            assertTrue(pool.take(HERE).isPresent());
            assertFalse(pool.take(HERE).isPresent(), "the only spare is taken: a child starts cold");
            assertEquals(1, started.size(), "no spare boots beside the children");
            awaitStarted(2);
            awaitStarted(3);
        }
    }

    @Test
    void afterTheFirstASpareBootsOnlyWhenTheMachineHasTheCoresABootTakesIdle() throws Exception {
        AtomicReference<OptionalDouble> idle = new AtomicReference<>(OptionalDouble.of(0.4));
        try (WarmPool pool = new WarmPool(2, Duration.ZERO, idle::get, this::sleeper)) {
            pool.fill(HERE);
            assertEquals(1, started.size(), "the first spare boots whatever the load");
            Thread.sleep(600);
            assertEquals(1, started.size(), "the program keeps the machine busy");
            idle.set(OptionalDouble.empty());
            Thread.sleep(600);
            assertEquals(1, started.size(), "not known: the pool looks again later");
            idle.set(OptionalDouble.of(64));
            awaitStarted(2);
        }
    }

    @Test
    void closeEndsEverySpareAndStopsRefilling() throws Exception {
        WarmPool pool = new WarmPool(2, Duration.ZERO, ALWAYS_IDLE, this::sleeper);
        pool.fill(HERE);
        pool.fill(HERE);
        pool.close();
        for (Process spare : started) {
            assertTrue(spare.waitFor(10, TimeUnit.SECONDS));
        }
        assertFalse(pool.take(HERE).isPresent());
        assertEquals(2, started.size());
    }

    @Test
    void aPoolOfSizeZeroStartsNothing() {
        try (WarmPool off = new WarmPool(0, Duration.ZERO, ALWAYS_IDLE, spec -> {
            throw new AssertionError("started a spare");
        })) {
            off.fill(HERE);
            assertFalse(off.take(HERE).isPresent());
        }
    }

    @Test
    void everySpareIsSentTheWarmUpOnceWhetherStartedBeforeOrAfterIt() throws Exception {
        WarmUp script = new WarmUp(Optional.of("/tmp/main.py"), Optional.of(new Rehearsal("/tmp/hub", "00ff", 7)));
        AtomicInteger madeWarmUps = new AtomicInteger();
        try (WarmPool pool = new WarmPool(2, Duration.ZERO, ALWAYS_IDLE, this::echo)) {
            Supplier<WarmUp> making = () -> {
                madeWarmUps.incrementAndGet();
                return script;
            };
            pool.fill(HERE);
            pool.warmUp(making);
            pool.warmUp(making);
            pool.fill(HERE);
            Process before = started.get(0);
            Process after = started.get(1);
            assertEquals(Optional.of(before), pool.take(HERE));
            ChildInput.writePayload(new DataOutputStream(before.getOutputStream()), new byte[] {1});
            assertAll(
                    () -> assertEquals(List.of(script), messagesBeforePayload(before, 2), "told once"),
                    () -> assertEquals(List.of(script), messagesBeforePayload(after, 1)),
                    () -> assertEquals(3, started.size(), "the taken spare is replaced"),
                    () -> assertEquals(List.of(script), messagesBeforePayload(started.get(2), 1)),
                    () -> assertEquals(2, madeWarmUps.get(), "worked out once per warmUp, not per spare (3 told)"));
        }
    }

    /** A stand-in for a child JVM that gives back what it is sent. */
    private Process echo(LaunchSpec spec) throws IOException {
        Process process = new ProcessBuilder("cat").start();
        started.add(process);
        return process;
    }

    /** The first {@code count} messages {@code echo} gave back, as long as none is a payload. */
    private static List<ChildInput.Message> messagesBeforePayload(Process echo, int count) throws IOException {
        DataInputStream in = new DataInputStream(echo.getInputStream());
        List<ChildInput.Message> messages = new ArrayList<>();
        while (messages.size() < count) {
            ChildInput.Message message = ChildInput.read(in);
            if (message instanceof ChildInput.Payload) {
                break;
            }
            messages.add(message);
        }
        return messages;
    }

    /** Waits (up to a generous bound, not a timing claim) for the scheduled refill. */
    private void awaitStarted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(count, started.size());
    }
}
