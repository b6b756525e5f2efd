package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject.Caller;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link SharedPipe}: which calls the hub may answer on its reader thread. */
class SharedPipeTests {

    private static Reply now(SharedPipe pipe, String method, Object... args) {
        return pipe.callNow(method, args, Caller.ROOT);
    }

    private static SharedPipe pipeHeldByThisProcess() throws Exception {
        SharedPipe pipe = new SharedPipe();
        long self = ProcessHandle.current().pid();
        pipe.call("duplicate", new Object[] {0L, self}, Caller.ROOT);
        pipe.call("duplicate", new Object[] {1L, self}, Caller.ROOT);
        return pipe;
    }

    @Test
    void callNowDefersOnlyWhatMustWait() throws Exception {
        SharedPipe pipe = pipeHeldByThisProcess();
        Reply recvOnEmpty = now(pipe, "recv", 0L, -1L);
        Reply pollZero = now(pipe, "poll", 0L, 0.0, 0L);
        Reply pollWaiting = now(pipe, "poll", 0L, 1.0, 0L);
        Reply send = now(pipe, "send", 1L, new byte[] {5});
        Reply pollReady = now(pipe, "poll", 0L, 1.0, 0L);
        Reply received = now(pipe, "recv", 0L, -1L);
        assertAll(
                () -> assertNull(recvOnEmpty, "a recv that must wait goes to a thread of its own"),
                () -> assertEquals(false, pollZero.value()),
                () -> assertNull(pollWaiting),
                () -> assertNull(send.errorType()),
                () -> assertEquals(true, pollReady.value()),
                () -> assertArrayEquals(new byte[] {5}, (byte[]) received.value()));
    }

    @Test
    void callNowAnswersEndOfFileOnceTheOtherEndIsClosed() throws Exception {
        SharedPipe pipe = pipeHeldByThisProcess();
        now(pipe, "send", 1L, new byte[] {1});
        now(pipe, "close", 1L);
        Reply drained = now(pipe, "recv", 0L, -1L);
        Reply end = now(pipe, "recv", 0L, -1L);
        Reply broken = now(pipe, "send", 0L, new byte[] {2});
        assertAll(
                () -> assertArrayEquals(new byte[] {1}, (byte[]) drained.value()),
                () -> assertEquals("EOFError", end.errorType()),
                () -> assertEquals("BrokenPipeError", broken.errorType()));
    }

    @Test
    void aParkedReceiverGetsTheNextMessageThenEndOfFile() throws Exception {
        SharedPipe pipe = pipeHeldByThisProcess();
        Caller child = new Caller(7, ProcessHandle.current().pid());
        List<Reply> answers = new ArrayList<>();
        pipe.callLater("recv", new Object[] {0L, -1L}, child, answers::add);
        List<Reply> beforeSend = List.copyOf(answers);
        now(pipe, "send", 1L, new byte[] {9});
        pipe.callLater("recv", new Object[] {0L, -1L}, child, answers::add);
        now(pipe, "close", 1L);
        assertAll(
                () -> assertEquals(List.of(), beforeSend),
                () -> assertEquals(2, answers.size()),
                () -> assertArrayEquals(new byte[] {9}, (byte[]) answers.get(0).value()),
                () -> assertEquals("EOFError", answers.get(1).errorType()));
    }

    @Test
    void aReleasedCallersParkedReceiverLeavesTheMessageForOthers() throws Exception {
        SharedPipe pipe = pipeHeldByThisProcess();
        Process sleeper = new ProcessBuilder("sleep", "60").start();  // a live process other than this one
        Caller child = new Caller(7, sleeper.pid());
        List<Reply> answers = new ArrayList<>();
        pipe.callLater("recv", new Object[] {0L, -1L}, child, answers::add);
        pipe.release(child);
        sleeper.destroyForcibly();
        now(pipe, "send", 1L, new byte[] {9});
        assertAll(
                () -> assertEquals(List.of(), answers),
                () -> assertArrayEquals(new byte[] {9}, (byte[]) now(pipe, "recv", 0L, -1L).value()));
    }

    @Test
    void aMessageIsNotHandedToAParkedReceiverWhoseProcessHasDied() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        SharedPipe pipe = pipeHeldByThisProcess();
        Caller dead = new Caller(7, finished.pid());  // killed before its connection's end released it
        Caller alive = new Caller(8, ProcessHandle.current().pid());
        List<Reply> deadAnswers = new ArrayList<>();
        List<Reply> liveAnswers = new ArrayList<>();
        pipe.callLater("recv", new Object[] {0L, -1L}, dead, deadAnswers::add);
        now(pipe, "send", 1L, new byte[] {3});
        pipe.callLater("recv", new Object[] {0L, -1L}, alive, liveAnswers::add);
        assertAll(
                () -> assertEquals(List.of(), deadAnswers),
                () -> assertEquals(1, liveAnswers.size(), "the next receiver gets the message"),
                () -> assertArrayEquals(new byte[] {3}, (byte[]) liveAnswers.get(0).value()));
    }
}
