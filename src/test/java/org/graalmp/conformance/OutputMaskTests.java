package org.graalmp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The traceback mask: CPython's and graalmp's reports of one error in the package read alike. */
class OutputMaskTests {

    private static final String CPYTHON = """
            Traceback (most recent call last):
              File "/tmp/s/sample.py", line 7, in func
                msg = out_pipe.recv()
                      ^^^^^^^^^^^^^^^
              File "/usr/lib/python3.11/multiprocessing/connection.py", line 249, in recv
                buf = self._recv_bytes()
                      ^^^^^^^^^^^^^^^^^^
              File "/usr/lib/python3.11/multiprocessing/connection.py", line 413, in _recv_bytes
                buf = self._recv(4)
                      ^^^^^^^^^^^^^
              File "/usr/lib/python3.11/multiprocessing/connection.py", line 382, in _recv
                raise EOFError
            EOFError
            """;

    private static final String GRAALMP = """
            Traceback (most recent call last):
              File "/tmp/s/sample.py", line 7, in func
                msg = out_pipe.recv()
                      ^^^^^^^^^^^^^^^
              File "/opt/graalmp/python-stdlib-shim/multiprocessing/connection.py", line 142, in recv
                return _ForkingPickler.loads(self._recv_bytes())
                                             ^^^^^^^^^^^^^^^^^^
              File "/opt/graalmp/python-stdlib-shim/_graalmp/java.py", line 59, in _raise_if_failed
                raise _exception(reply.errorType(), reply.message())
            EOFError
            """;

    @Test
    void keepsTheProgramsFramesAndThePackageFunctionItCalled() {
        String expected = """
                Traceback (most recent call last):
                  File "/tmp/s/sample.py", line 7, in func
                    msg = out_pipe.recv()
                          ^^^^^^^^^^^^^^^
                  File "<multiprocessing>/connection.py", in recv
                EOFError
                """;
        assertEquals(expected, OutputMask.MULTIPROCESSING_FRAMES.rewrite().apply(CPYTHON));
        assertEquals(expected, OutputMask.MULTIPROCESSING_FRAMES.rewrite().apply(GRAALMP));
    }

    @Test
    void aDifferentEntryPointStillDiffers() {
        String other = CPYTHON.replace("in recv\n", "in recv_bytes\n");
        assertNotEquals(OutputMask.MULTIPROCESSING_FRAMES.rewrite().apply(other),
                OutputMask.MULTIPROCESSING_FRAMES.rewrite().apply(GRAALMP));
    }
}
