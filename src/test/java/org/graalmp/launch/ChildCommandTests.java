package org.graalmp.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link ChildCommand}'s memory options: measured defaults, a user's choice wins. */
class ChildCommandTests {

    @Test
    void childrenGetTheMeasuredMemoryOptionsByDefault() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:SweeperThreshold=50"),
                ChildCommand.memoryOptions(List.of("-XX:TieredStopAtLevel=1")));
    }

    @Test
    void aCollectorHeapSizeOrCodeCacheThresholdTheUserChoseIsKept() {
        assertEquals(List.of("-Xms32m", "-XX:SweeperThreshold=50"), ChildCommand.memoryOptions(List.of("-XX:+UseG1GC")));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:SweeperThreshold=50"), ChildCommand.memoryOptions(List.of("-Xmx16m")));
        // A young generation as large as -Xms32m would leave no room for the AOT cache's objects.
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:SweeperThreshold=50"), ChildCommand.memoryOptions(List.of("-Xmn48m")));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:SweeperThreshold=50"),
                ChildCommand.memoryOptions(List.of("-XX:NewSize=48m")));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xms32m"), ChildCommand.memoryOptions(List.of("-XX:SweeperThreshold=15")));
        assertEquals(List.of(), ChildCommand.memoryOptions(
                List.of("-XX:+UseParallelGC", "-XX:InitialHeapSize=1g", "-XX:SweeperThreshold=20")));
    }

    @Test
    void theInheritedOptionsComeAfterGraalmpsSoTheyWin() {
        List<String> command = new ChildCommand(Path.of("java"), "cp", List.of("-XX:-DisableAttachMechanism")).toList();
        assertTrue(command.indexOf("-XX:+DisableAttachMechanism") < command.indexOf("-XX:-DisableAttachMechanism"), command::toString);
        assertTrue(command.indexOf("-Xms32m") < command.indexOf("-XX:-DisableAttachMechanism"), command::toString);
    }
}
