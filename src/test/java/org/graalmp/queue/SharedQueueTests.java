package org.graalmp.queue;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests for {@link SharedQueue}: order, bounds, timeouts and task accounting. */
class SharedQueueTests {

    private static Reply call(SharedQueue queue, String method, Object... args) throws InterruptedException {
        return queue.call(method, args, Caller.ROOT);
    }

    @Test
    void itemsComeOutInTheOrderTheyWentIn() throws Exception {
        SharedQueue queue = new SharedQueue(0);
        for (byte i = 0; i < 5; i++) {
            call(queue, "put", new byte[] {i}, true, null);
        }
        for (byte i = 0; i < 5; i++) {
            assertArrayEquals(new byte[] {i}, (byte[]) call(queue, "get", false, null).value());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05})
    void getRaisesEmptyAfterTimeout(double timeout) throws Exception {
        long start = System.nanoTime();
        Reply reply = call(new SharedQueue(0), "get", true, timeout);
        assertAll(
                () -> assertEquals("queue.Empty", reply.errorType()),
                () -> assertTrue(System.nanoTime() - start >= (long) (timeout * 1e9)));
    }

    @Test
    void putRaisesFullOnABoundedQueue() throws Exception {
        SharedQueue queue = new SharedQueue(1);
        call(queue, "put", new byte[] {1}, true, null);
        assertAll(
                () -> assertEquals("queue.Full", call(queue, "put", new byte[] {2}, false, null).errorType()),
                () -> assertEquals("queue.Full", call(queue, "put", new byte[] {2}, true, 0.05).errorType()),
                () -> assertEquals(true, call(queue, "full").value()),
                () -> assertEquals(1L, call(queue, "qsize").value()));
    }

    @Test
    void taskDoneMoreOftenThanPutIsAValueError() throws Exception {
        SharedQueue queue = new SharedQueue(0);
        call(queue, "put", new byte[] {1}, true, null);
        call(queue, "get", true, null);
        assertAll(
                () -> assertEquals(null, call(queue, "task_done").errorType()),
                () -> assertEquals("ValueError", call(queue, "task_done").errorType()),
                () -> assertEquals("task_done() called too many times", call(queue, "task_done").message()));
    }

    @Test
    void callNowAnswersWhatCannotBlockAndDefersTheRest() throws Exception {
        SharedQueue queue = new SharedQueue(1);
        Reply emptyNoWait = queue.callNow("get", new Object[] {false, null}, Caller.ROOT);
        Reply blockingGetOnEmpty = queue.callNow("get", new Object[] {true, null}, Caller.ROOT);
        Reply put = queue.callNow("put", new Object[] {new byte[] {7}, true, null}, Caller.ROOT);
        Reply blockingPutOnFull = queue.callNow("put", new Object[] {new byte[] {8}, true, 1.0}, Caller.ROOT);
        Reply fullNoWait = queue.callNow("put", new Object[] {new byte[] {8}, false, null}, Caller.ROOT);
        Reply joinWithATaskLeft = queue.callNow("join", new Object[0], Caller.ROOT);
        Reply got = queue.callNow("get", new Object[] {true, null}, Caller.ROOT);
        assertAll(
                () -> assertEquals("queue.Empty", emptyNoWait.errorType()),
                () -> assertNull(blockingGetOnEmpty, "a get that must wait goes to a thread of its own"),
                () -> assertNull(put.errorType()),
                () -> assertNull(blockingPutOnFull, "a put that must wait goes to a thread of its own"),
                () -> assertEquals("queue.Full", fullNoWait.errorType()),
                () -> assertNull(joinWithATaskLeft),
                () -> assertArrayEquals(new byte[] {7}, (byte[]) got.value()),
                () -> assertEquals(0L, call(queue, "qsize").value()));
    }

    @Test
    void aParkedGetIsAnsweredByThePutThatServesIt() throws Exception {
        SharedQueue queue = new SharedQueue(0);
        Caller child = new Caller(7, ProcessHandle.current().pid());  // a process that runs
        List<Reply> answers = new ArrayList<>();
        boolean parked = queue.callLater("get", new Object[] {true, null}, child, answers::add);
        boolean withTimeout = queue.callLater("get", new Object[] {true, 1.0}, child, answers::add);
        List<Reply> beforePut = List.copyOf(answers);
        call(queue, "put", new byte[] {3}, true, null);
        assertAll(
                () -> assertTrue(parked),
                () -> assertFalse(withTimeout, "a get with a timeout waits on a thread"),
                () -> assertEquals(List.of(), beforePut),
                () -> assertEquals(1, answers.size()),
                () -> assertArrayEquals(new byte[] {3}, (byte[]) answers.get(0).value()),
                () -> assertEquals(0L, call(queue, "qsize").value(), "the item went to the getter"));
    }

    @Test
    void aReleasedCallersParkedGetLeavesTheItemInTheQueue() throws Exception {
        SharedQueue queue = new SharedQueue(0);
        Caller child = new Caller(7, 4242);
        List<Reply> answers = new ArrayList<>();
        queue.callLater("get", new Object[] {true, null}, child, answers::add);
        queue.release(child);
        call(queue, "put", new byte[] {3}, true, null);
        assertAll(
                () -> assertEquals(List.of(), answers),
                () -> assertEquals(1L, call(queue, "qsize").value()));
    }

    @Test
    void aParkedGetOfAProcessThatDiedLeavesTheItemInTheQueue() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        SharedQueue queue = new SharedQueue(0);
        Caller dead = new Caller(7, finished.pid());  // killed before its connection's end released it
        Caller alive = new Caller(8, ProcessHandle.current().pid());
        List<Reply> deadAnswers = new ArrayList<>();
        List<Reply> liveAnswers = new ArrayList<>();
        queue.callLater("get", new Object[] {true, null}, dead, deadAnswers::add);
        call(queue, "put", new byte[] {3}, true, null);
        queue.callLater("get", new Object[] {true, null}, alive, liveAnswers::add);
        assertAll(
                () -> assertEquals(List.of(), deadAnswers),
                () -> assertEquals(1, liveAnswers.size(), "the next getter gets the item"),
                () -> assertArrayEquals(new byte[] {3}, (byte[]) liveAnswers.get(0).value()));
    }
}
