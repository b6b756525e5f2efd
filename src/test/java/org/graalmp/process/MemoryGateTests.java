package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Unit tests for {@link MemoryGate}, on a machine whose memory the test decides. */
class MemoryGateTests {

    private static final long MB = 1L << 20;
    private static final long ONE_CHILD_FITS = MemoryGate.CHILD_BYTES + MemoryGate.RESERVE_BYTES;

    /** Memory the test sets; every look at it is counted, so a test can tell the gate is polling. */
    private static final class FakeMemory implements MemoryGate.Memory {
        final AtomicLong available = new AtomicLong();
        final long total;
        final AtomicLong childAnon = new AtomicLong();
        final Semaphore looks = new Semaphore(0);

        FakeMemory(long available, long total) {
            this.available.set(available);
            this.total = total;
        }

        @Override
        public OptionalLong available() {
            looks.release();
            return OptionalLong.of(available.get());
        }

        @Override
        public OptionalLong total() {
            return OptionalLong.of(total);
        }

        @Override
        public long residentAnon(Process process) {
            return childAnon.get();
        }
    }

    /** A process that is alive until the test ends it. */
    private static final class FakeProcess extends Process {
        final CompletableFuture<Process> exit = new CompletableFuture<>();

        @Override public OutputStream getOutputStream() { return OutputStream.nullOutputStream(); }
        @Override public InputStream getInputStream() { return InputStream.nullInputStream(); }
        @Override public InputStream getErrorStream() { return InputStream.nullInputStream(); }
        @Override public int waitFor() { return exit.join().exitValue(); }
        @Override public int exitValue() {
            if (!exit.isDone()) {
                throw new IllegalThreadStateException("running");
            }
            return 0;
        }
        @Override public void destroy() { exit.complete(this); }
        @Override public boolean isAlive() { return !exit.isDone(); }
        @Override public CompletableFuture<Process> onExit() { return exit; }
        @Override public long pid() { return 1; }
    }

    @Test
    void startsAtOnceWhenTheChildFits() throws IOException {
        MemoryGate gate = new MemoryGate(new FakeMemory(ONE_CHILD_FITS, 24_000 * MB));
        FakeProcess process = new FakeProcess();
        assertSame(process, gate.start(() -> process, true));
    }

    @Test
    void countsWhatABootingChildWillStillTake() throws IOException {
        FakeMemory memory = new FakeMemory(ONE_CHILD_FITS + 100 * MB, 24_000 * MB);
        MemoryGate gate = new MemoryGate(memory);
        FakeProcess booting = new FakeProcess();
        gate.start(() -> booting, true);
        assertThrows(IOException.class, () -> gate.start(FakeProcess::new, false),
                "the first child will take most of what is available");
        memory.childAnon.set(MemoryGate.CHILD_BYTES);
        assertTrue(gate.start(FakeProcess::new, false).isAlive(), "once booted, MemAvailable shows what it holds");
    }

    @Test
    void childrenLargerThanMeasuredRaiseTheEstimate() throws IOException {
        FakeMemory memory = new FakeMemory(ONE_CHILD_FITS + 100 * MB, 24_000 * MB);
        MemoryGate gate = new MemoryGate(memory);
        gate.start(FakeProcess::new, true);
        memory.childAnon.set(2 * MemoryGate.CHILD_BYTES);
        assertThrows(IOException.class, () -> gate.start(FakeProcess::new, false), "the next one may be as large");
    }

    @Test
    void waitsForMemoryToFreeUpInsteadOfFailing() throws Exception {
        FakeMemory memory = new FakeMemory(ONE_CHILD_FITS - MB, 24_000 * MB);
        MemoryGate gate = new MemoryGate(memory);
        CompletableFuture<Process> started = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.start(FakeProcess::new, true);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(memory.looks.tryAcquire(3, 60, TimeUnit.SECONDS), "the gate looks again while it waits");
        assertFalse(started.isDone());
        memory.available.set(ONE_CHILD_FITS);
        assertTrue(started.get(60, TimeUnit.SECONDS).isAlive());
    }

    @Test
    void aChildThatCanNeverFitIsAClearError() {
        MemoryGate gate = new MemoryGate(new FakeMemory(700 * MB, 700 * MB));
        IOException error = assertThrows(IOException.class, () -> gate.start(FakeProcess::new, true));
        assertEquals("cannot start a child JVM: it needs about 256 MB besides 1024 MB kept free, and this machine has 700 MB",
                error.getMessage());
    }

    @Test
    void anEndedChildNoLongerCounts() throws IOException {
        FakeMemory memory = new FakeMemory(ONE_CHILD_FITS, 24_000 * MB);
        MemoryGate gate = new MemoryGate(memory);
        Process first = gate.start(FakeProcess::new, true);
        assertThrows(IOException.class, () -> gate.start(FakeProcess::new, false));
        first.destroy();
        assertTrue(gate.start(FakeProcess::new, false).isAlive());
    }
}
