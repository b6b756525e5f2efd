package org.graalmp.ipc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link Reply#plainValueOrSelf()}: what a handle's one-crossing {@code invoke} answers. */
class ReplyTests {

    @Test
    void aPlainValueComesBareSoPythonNeedsNoFurtherCall() {
        assertAll(
                () -> assertNull(Reply.ok(null).plainValueOrSelf()),
                () -> assertEquals(true, Reply.ok(true).plainValueOrSelf()),
                () -> assertEquals(7L, Reply.ok(7L).plainValueOrSelf()),
                () -> assertEquals(7, Reply.ok(7).plainValueOrSelf()),
                () -> assertEquals(0.5, Reply.ok(0.5).plainValueOrSelf()),
                () -> assertEquals("text", Reply.ok("text").plainValueOrSelf()));
    }

    @Test
    void aFailureOrAnotherKindOfValueComesAsTheReplyItself() {
        Reply failed = Reply.error("queue.Empty", null);
        Reply bytes = Reply.ok(new byte[] {1, 2});
        Reply big = Reply.ok(BigInteger.TEN.pow(30));
        assertAll(
                () -> assertSame(failed, failed.plainValueOrSelf()),
                () -> assertSame(bytes, bytes.plainValueOrSelf()),
                () -> assertSame(big, big.plainValueOrSelf()));
    }
}
