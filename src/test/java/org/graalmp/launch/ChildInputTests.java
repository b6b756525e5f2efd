package org.graalmp.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.graalmp.launch.ChildInput.Message;
import org.graalmp.launch.ChildInput.Payload;
import org.graalmp.launch.ChildInput.Rehearsal;
import org.graalmp.launch.ChildInput.WarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests for {@link ChildInput}: what a parent writes is what its child reads. */
class ChildInputTests {

    private static final Rehearsal HUB = new Rehearsal("/tmp/graalmp-1/hub", "0a1b2c", 42);

    static Stream<WarmUp> warmUps() {
        return Stream.of(
                new WarmUp(Optional.of("/srv/app/main.py"), Optional.of(HUB)),
                new WarmUp(Optional.empty(), Optional.of(HUB)),
                new WarmUp(Optional.of(""), Optional.empty()),
                new WarmUp(Optional.empty(), Optional.empty()),
                // Python names an undecodable byte of a path with a lone surrogate.
                new WarmUp(Optional.of("/tmp/caf\udce9/m\u00e4in.py"), Optional.of(HUB)));
    }

    @ParameterizedTest
    @MethodSource("warmUps")
    void aWarmUpArrivesAsSent(WarmUp warmUp) throws IOException {
        assertEquals(warmUp, readBack(out -> ChildInput.writeWarmUp(out, warmUp)));
    }

    @Test
    void warmUpsAndThenThePayloadArriveInOrder() throws IOException {
        WarmUp first = new WarmUp(Optional.of("/a.py"), Optional.empty());
        WarmUp second = new WarmUp(Optional.empty(), Optional.of(HUB));
        byte[] payload = {0, -1, 'P', 'W'};
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(written(out -> {
            ChildInput.writeWarmUp(out, first);
            ChildInput.writeWarmUp(out, second);
            ChildInput.writePayload(out, payload);
        })));
        assertEquals(first, ChildInput.read(in));
        assertEquals(second, ChildInput.read(in));
        Message last = ChildInput.read(in);
        assertArrayEquals(payload, ((Payload) last).bytes());
    }

    @Test
    void aWarmUpWithBytesToSpareIsRefused() throws IOException {
        byte[] frame = written(out -> ChildInput.writeWarmUp(out, new WarmUp(Optional.empty(), Optional.empty())));
        byte[] longer = Arrays.copyOf(frame, frame.length + 1);
        longer[4] += 1;  // the length, last byte of the big-endian int after the kind byte
        IOException refused = assertThrows(IOException.class,
                () -> ChildInput.read(new DataInputStream(new ByteArrayInputStream(longer))));
        assertEquals("warm-up message from the parent has trailing bytes: 1", refused.getMessage());
    }

    @Test
    void aWarmUpCutShortInsideIsRefused() throws IOException {
        byte[] frame = written(out -> ChildInput.writeWarmUp(out, new WarmUp(Optional.empty(), Optional.of(HUB))));
        byte[] cut = Arrays.copyOf(frame, frame.length - 3);
        cut[4] -= 3;
        assertThrows(IOException.class, () -> ChildInput.read(new DataInputStream(new ByteArrayInputStream(cut))));
    }

    private interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    private static byte[] written(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writing.to(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static Message readBack(Writing writing) throws IOException {
        return ChildInput.read(new DataInputStream(new ByteArrayInputStream(written(writing))));
    }
}
