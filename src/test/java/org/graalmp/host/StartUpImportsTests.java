package org.graalmp.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * graalmp's multiprocessing imports neither pickle.py, re, enum nor signal (0.1-0.2 s of every
 * GraalPy process's start, children's included), and what it uses instead behaves as they do;
 * its managers, pools and connections import traceback and tempfile only when they use them.
 */
class StartUpImportsTests {

    @TempDir
    Path folder;

    @Test
    void aProgramAndItsChildImportNoneOfThem() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import sys
                import multiprocessing as mp

                UNWANTED = ('pickle', 're', 'enum', 'signal')

                def report(q):
                    q.put([name for name in UNWANTED if name in sys.modules])

                if __name__ == '__main__':
                    q = mp.Queue()
                    p = mp.Process(target=report, args=(q,))
                    p.start()
                    print('child', q.get())
                    p.join()
                    print('root', [name for name in UNWANTED if name in sys.modules], p.exitcode)
                """);
        assertEquals(List.of("child []", "root [] 0"), run.lines(), run.toString());
    }

    @Test
    void managersPoolsAndConnectionsImportTracebackAndTempfileOnlyWhenTheyNeedThem() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import sys
                import multiprocessing, multiprocessing.managers, multiprocessing.pool, multiprocessing.connection

                if __name__ == '__main__':
                    print([name for name in ('traceback', 'tempfile', 'signal') if name in sys.modules])
                    address = multiprocessing.connection.arbitrary_address('AF_UNIX')
                    print('tempfile' in sys.modules)
                    with multiprocessing.Pool(1) as pool:   # the worker imports traceback to report
                        try:
                            pool.apply(int, ('x',))
                        except ValueError as e:
                            print(type(e.__cause__).__name__, 'Traceback (most recent call last)' in str(e.__cause__))
                """);
        assertEquals(List.of("[]", "True", "RemoteTraceback True"), run.lines(), run.toString());
    }

    @Test
    void exitCodeNamesAreThoseSignalWouldGive() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                from multiprocessing import process
                import signal
                expected = {}
                for name, number in list(signal.__dict__.items()):
                    if name[:3] == 'SIG' and '_' not in name:
                        expected[-number] = f'-{name}'
                print(process._exitcode_to_name == expected, process._exitcode_to_name[-15])
                """);
        assertEquals(List.of("True -SIGTERM"), run.lines(), run.toString());
    }

    @Test
    void errnoMessagesFromJavaAreParsedAsTheRegexDid() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import re
                from _graalmp.java import _exception
                numbered = re.compile(r'\\[Errno (\\d+)\\] (.*)', re.S)
                for message in ['[Errno 22] Invalid argument', '[Errno 3] ', '[Errno 32] a] b\\nc',
                                '[Errno x] y', '[Errno 22]Invalid', 'Errno 22 x', '[Errno ] x',
                                '[Errno \\u0662] x', '', 'plain']:
                    made = _exception('OSError', message)
                    match = numbered.fullmatch(message)
                    args = (int(match.group(1)), match.group(2)) if match else ((message,) if message else ())
                    print(made.args == args, repr(message))
                """);
        assertEquals(List.of(), run.lines().stream().filter(line -> !line.startsWith("True")).toList(), run.toString());
        assertEquals(10, run.lines().size(), run.toString());
    }
}
