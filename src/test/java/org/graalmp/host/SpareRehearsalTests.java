package org.graalmp.host;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalmp.launch.ChildInput.Rehearsal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A spare's rehearsal ({@link PythonHost#rehearseChild}) on a real hub: a root host and a
 * spare host in this JVM. The spare host is what a spare child JVM runs before its payload.
 */
class SpareRehearsalTests {

    private final ByteArrayOutputStream rootOut = new ByteArrayOutputStream();
    private PythonHost root;
    private PythonHost spare;
    private Rehearsal rehearsal;

    @BeforeEach
    void startRootAndSpare() {
        root = PythonHost.builder().stdout(rootOut).prestartChildren(false).build();
        String[] hub = rootSays("""
                from _graalmp import java
                print(java.objects.hubAddress(), java.objects.hubKey(), java.queues.create(0, False).id())
                """).split(" ");
        rehearsal = new Rehearsal(hub[0], hub[1], Long.parseLong(hub[2]));
        spare = PythonHost.builder().prestartChildren(false).build();
        spare.prepareChild();
    }

    @AfterEach
    void closeBoth() {
        spare.close();
        root.close();
    }

    @Test
    void aRehearsalGoesThroughAndLeavesTheQueueAsItFoundIt() {
        assertTrue(spare.rehearseChild(rehearsal));
        assertEquals("empty", rootSays(queueCheck(rehearsal.queueId())), "the rehearsal got back what it put");
    }

    @Test
    void aRehearsalThatCannotReachTheHubFailsAndIsOver() {
        Rehearsal nowhere = new Rehearsal(rehearsal.hubAddress() + "-gone", rehearsal.hubKey(), rehearsal.queueId());
        Rehearsal wrongKey = new Rehearsal(rehearsal.hubAddress(), "00".repeat(32), rehearsal.queueId());
        assertAll(
                () -> assertFalse(spare.rehearseChild(nowhere)),
                () -> assertFalse(spare.rehearseChild(wrongKey)),
                () -> assertTrue(spare.rehearseChild(rehearsal), "the spare goes on as if nothing had been tried"));
    }

    @Test
    void aRehearsalOnAQueueTheRootDoesNotHaveFails() {
        assertFalse(spare.rehearseChild(new Rehearsal(rehearsal.hubAddress(), rehearsal.hubKey(), 1_000_000)));
    }

    private static String queueCheck(long queueId) {
        return """
                import queue
                from multiprocessing import queues
                q = queues.Queue.__new__(queues.Queue)
                q.__setstate__((0, %d))
                try:
                    print('left:', q.get_nowait())
                except queue.Empty:
                    print('empty')
                """.formatted(queueId);
    }

    private String rootSays(String code) {
        rootOut.reset();
        int status = root.runCode(code, List.of());
        String said = rootOut.toString(StandardCharsets.UTF_8).strip();
        assertEquals(0, status, said);
        return said;
    }
}
