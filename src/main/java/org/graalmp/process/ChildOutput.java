package org.graalmp.process;

import java.io.OutputStream;

/**
 * Where a child's standard output and error go. {@link #INHERIT} hands the child this JVM's
 * own file descriptors, as a forked CPython child shares its parent's; otherwise a thread per
 * stream copies the child's output into the embedding application's streams.
 */
public record ChildOutput(OutputStream out, OutputStream err) {

    /** The child writes straight to this process's stdout and stderr. */
    public static final ChildOutput INHERIT = new ChildOutput(null, null);

    public boolean inherits() {
        return out == null;
    }
}
