package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What {@link MachineLoad} answers about a window (its value is the machine's: not asserted). */
class MachineLoadTests {

    private final MachineLoad load = new MachineLoad();
    private final int cores = Runtime.getRuntime().availableProcessors();

    @Test
    void aWindowNeedsTwoLooksFarEnoughApart() throws Exception {
        OptionalDouble first = load.sinceLastLook();
        OptionalDouble soonAfter = load.sinceLastLook();
        Thread.sleep(300);
        OptionalDouble later = load.sinceLastLook();
        assertAll(
                () -> assertFalse(first.isPresent(), "one look is no window"),
                () -> assertFalse(soonAfter.isPresent(), "too short a window to tell"),
                () -> assertTrue(later.isPresent(), "the window from the first look"),
                () -> assertTrue(later.getAsDouble() >= 0 && later.getAsDouble() <= cores, "idle cores: " + later));
    }

    @Test
    void aLongPauseStartsANewWindow() throws Exception {
        load.sinceLastLook();
        Thread.sleep(2_200);
        assertFalse(load.sinceLastLook().isPresent(), "an average over seconds says little about now");
        Thread.sleep(300);
        assertTrue(load.sinceLastLook().isPresent());
    }
}
