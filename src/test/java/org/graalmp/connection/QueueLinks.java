package org.graalmp.connection;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.graalmp.ipc.Reply;

/** Two {@link MessageLink}s joined in memory, for handshake tests without sockets. */
final class QueueLinks {

    private static final byte[] END = new byte[0];

    private QueueLinks() {
    }

    /** A link whose end can be closed, as a peer's socket is. */
    static final class Link implements MessageLink {
        private final BlockingQueue<byte[]> in;
        private final BlockingQueue<byte[]> out;

        private Link(BlockingQueue<byte[]> in, BlockingQueue<byte[]> out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public Reply send(byte[] message) {
            out.add(message.clone());
            return Reply.ok(null);
        }

        @Override
        public Reply receive(long maxLength) {
            try {
                byte[] message = in.take();
                if (message == END) {
                    in.add(END);
                    return Reply.error("EOFError", "");
                }
                if (maxLength >= 0 && message.length > maxLength) {
                    return Reply.error("OSError", "bad message length");
                }
                return Reply.ok(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Reply.error("InterruptedError", "interrupted");
            }
        }

        /** The peer sees end of stream once it has read what was sent. */
        void close() {
            out.add(END);
        }
    }

    static Link[] pair() {
        BlockingQueue<byte[]> one = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> two = new LinkedBlockingQueue<>();
        return new Link[] {new Link(one, two), new Link(two, one)};
    }
}
