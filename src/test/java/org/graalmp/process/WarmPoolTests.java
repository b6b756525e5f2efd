package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm pool's bookkeeping, with {@code sleep} processes standing in for child JVMs. */
class WarmPoolTests {

    private static final LaunchSpec HERE = new LaunchSpec("/tmp", Map.of("A", "1"));
    private static final LaunchSpec ELSEWHERE = new LaunchSpec("/", Map.of("A", "1"));

    private final List<Process> started = new ArrayList<>();
    private final WarmPool pool = new WarmPool(2, spec -> {
        Process process = new ProcessBuilder("sleep", "60").start();
        started.add(process);
        return process;
    });

    @AfterEach
    void endAll() {
        pool.close();
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void fillStartsUpToTheSizeAndTakeHandsOutEachSpareOnceThenRefills() {
        pool.fill(HERE);
        pool.fill(HERE);
        assertEquals(2, started.size(), "a full pool starts nothing more");
        Optional<Process> first = pool.take(HERE);
        Optional<Process> second = pool.take(HERE);
        assertAll(
                () -> assertTrue(first.isPresent() && second.isPresent()),
                () -> assertNotSame(first.orElseThrow(), second.orElseThrow()),
                () -> assertEquals(started.subList(0, 2), List.of(first.orElseThrow(), second.orElseThrow())),
                () -> assertEquals(4, started.size(), "each take starts a replacement"));
    }

    @Test
    void aSpareServesOnlyItsOwnSpecAndStaleSparesAreEnded() throws Exception {
        pool.fill(HERE);
        List<Process> forHere = List.copyOf(started);
        assertFalse(pool.take(ELSEWHERE).isPresent(), "another working directory gets a cold child");
        for (Process stale : forHere) {
            assertTrue(stale.waitFor(10, TimeUnit.SECONDS), "spares for the old spec are killed");
        }
        assertEquals(Optional.of(started.get(2)), pool.take(ELSEWHERE));
        assertFalse(pool.take(new LaunchSpec("/", Map.of("A", "2"))).isPresent(),
                "another environment gets a cold child");
    }

    @Test
    void aDeadSpareIsNeverHandedOut() throws Exception {
        pool.fill(HERE);
        started.get(0).destroyForcibly().waitFor();
        assertEquals(Optional.of(started.get(1)), pool.take(HERE));
    }

    @Test
    void closeEndsEverySpareAndStopsRefilling() throws Exception {
        pool.fill(HERE);
        pool.close();
        for (Process spare : started) {
            assertTrue(spare.waitFor(10, TimeUnit.SECONDS));
        }
        assertFalse(pool.take(HERE).isPresent());
        assertEquals(2, started.size());
    }

    @Test
    void aPoolOfSizeZeroStartsNothing() throws IOException {
        WarmPool off = new WarmPool(0, spec -> {
            throw new AssertionError("started a spare");
        });
        off.fill(HERE);
        assertFalse(off.take(HERE).isPresent());
    }
}
