package org.graalmp.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject.Caller;
import org.junit.jupiter.api.Test;

/** The scheduler's bookkeeping, driven directly as the shim and the workers drive it. */
class PoolSchedulerTests {

    private final PoolScheduler scheduler = new PoolScheduler();
    private final Caller worker = new Caller(7, 4242);

    private Object call(String method, Object... args) throws InterruptedException {
        return call(Caller.ROOT, method, args);
    }

    private Object call(Caller caller, String method, Object... args) throws InterruptedException {
        Reply reply = scheduler.call(method, args, caller);
        assertFalse(reply.failed(), () -> method + ": " + reply.errorType() + " " + reply.message());
        return reply.value();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static long[] header(Object task) {
        ByteBuffer buffer = ByteBuffer.wrap((byte[]) task);
        return new long[] {buffer.getLong(), buffer.getLong()};
    }

    @Test
    void tasksGoOutInOrderAndResultsComeBackByChunk() throws Exception {
        long job = (Long) call("new_job", 2L, false);
        call("submit", job, 0L, bytes("a"), bytes("b"));
        Object first = call(worker, "next_task", "w1");
        assertArrayEquals(new long[] {job, 0}, header(first));
        assertEquals("a", new String((byte[]) first, 16, 1, StandardCharsets.UTF_8));
        assertArrayEquals(new long[] {job, 1}, header(call(worker, "next_task", "w2")));
        call(worker, "task_done", "w2", job, 1L, true, bytes("B"));
        assertEquals(false, call("wait", job, 0.0));
        call(worker, "task_done", "w1", job, 0L, false, bytes("A"));
        assertEquals(true, call("wait", job, 0.0));
        assertArrayEquals(new byte[] {Outcome.FAILED, 'A'}, (byte[]) call("result", job, 0L));
        assertArrayEquals(new byte[] {Outcome.SUCCEEDED, 'B'}, (byte[]) call("result", job, 1L));
    }

    @Test
    void aWorkerThatDiesFailsTheTaskItHeldAndLaterTasksStillRun() throws Exception {
        long job = (Long) call("new_job", 2L, false);
        call("submit", job, 0L, bytes("a"), bytes("b"));
        call(worker, "next_task", "SpawnPoolWorker-1");
        scheduler.release(worker);
        byte[] lost = (byte[]) call("result", job, 0L);
        assertEquals(Outcome.LOST, lost[0]);
        assertTrue(new String(lost, 1, lost.length - 1, StandardCharsets.UTF_8)
                .startsWith("Worker SpawnPoolWorker-1 (pid 4242) exited while running this task"));
        Caller replacement = new Caller(8, 4343);
        assertArrayEquals(new long[] {job, 1}, header(call(replacement, "next_task", "SpawnPoolWorker-2")));
    }

    @Test
    void orderedTakeWaitsForItsChunkAndEndsAtTheLength() throws Exception {
        long job = (Long) call("new_job", -1L, false);
        assertEquals(-1L, call("take", job, 0L, 0.0));
        call("task_done", null, job, 1L, true, bytes("1"));
        assertEquals(-1L, call("take", job, 0L, 0.0));
        call("task_done", null, job, 0L, true, bytes("0"));
        assertArrayEquals(new byte[] {Outcome.SUCCEEDED, '0'}, (byte[]) call("take", job, 0L, 0.0));
        assertArrayEquals(new byte[] {Outcome.SUCCEEDED, '1'}, (byte[]) call("take", job, 1L, 0.0));
        call("set_length", job, 2L);
        assertNull(call("take", job, 2L, 0.0));
    }

    @Test
    void unorderedTakeFollowsCompletionOrder() throws Exception {
        long job = (Long) call("new_job", 2L, false);
        call("task_done", null, job, 1L, true, bytes("1"));
        call("task_done", null, job, 0L, true, bytes("0"));
        assertArrayEquals(new byte[] {Outcome.SUCCEEDED, '1'}, (byte[]) call("take_any", job, 0.0));
        assertArrayEquals(new byte[] {Outcome.SUCCEEDED, '0'}, (byte[]) call("take_any", job, 0.0));
        assertNull(call("take_any", job, 0.0));
    }

    @Test
    void aJobWithACallbackIsReadyOnlyOnceTheOwnerAcknowledgesIt() throws Exception {
        long job = (Long) call("new_job", 1L, true);
        call("task_done", null, job, 0L, true, bytes("x"));
        assertEquals("ready " + job, call("next_event"));
        assertEquals(false, call("wait", job, 0.0));
        call("ack", job);
        assertEquals(true, call("wait", job, 0.0));
    }

    @Test
    void aBlockedWorkerGetsNothingOnceClosedAndDrained() throws Exception {
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return call(worker, "next_task", "w1");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long job = (Long) call("new_job", 1L, false);
        call("submit", job, 0L, bytes("a"));
        assertArrayEquals(new long[] {job, 0}, header(waiting.get(30, TimeUnit.SECONDS)));
        call("close");
        assertNull(call(worker, "next_task", "w1"));
        call("stop");
        assertNull(call("next_event"));
    }
}
