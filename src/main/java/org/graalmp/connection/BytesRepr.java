package org.graalmp.connection;

/** Python's {@code repr()} of a bytes object, for error messages that quote one as CPython's do. */
final class BytesRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private BytesRepr() {
    }

    static String of(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        // Python quotes with ' unless the bytes hold a ' and no ".
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(bytes.length + 3).append('b').append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(quote);
                    } else if (c < 0x20 || c >= 0x7f) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
