package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipe and Connection against CPython's documented behaviour, within one process and across child JVMs. */
class PipeTests {

    @TempDir
    Path folder;

    @Test
    void connectionApiInOneProcess() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import array, io, multiprocessing as mp
                a, b = mp.Pipe()
                a.send({'x': [1, 2]}); print('object', b.recv())
                a.send_bytes(b'0123456789', 2, 3); print('slice', b.recv_bytes())
                b.send_bytes(array.array('i', [7, 8])); print('array', a.recv_bytes() == array.array('i', [7, 8]).tobytes())
                for bad in ((b'ab', -1, None), (b'ab', 3, None), (b'ab', 0, -1), (b'ab', 1, 2)):
                    try: a.send_bytes(*bad)
                    except ValueError as e: print('send_bytes', bad[1:], e)
                print('poll empty', b.poll(), b.poll(0.05))
                a.send_bytes(b'hello'); print('poll ready', b.poll(None))
                buf = bytearray(8); print('into', b.recv_bytes_into(buf, 2), bytes(buf))
                a.send_bytes(b'too long for it')
                try: b.recv_bytes_into(bytearray(4))
                except mp.BufferTooShort as e: print('too short', e.args[0])
                a.send_bytes(b'0123456789')
                try: b.recv_bytes(4)
                except OSError as e: print('maxlength', e, b.readable, b.writable)
                try: a.recv_bytes(-1)
                except ValueError as e: print(e)
                r, w = mp.Pipe(duplex=False)
                print('one-way', r.readable, r.writable, w.readable, w.writable)
                try: r.send(1)
                except OSError as e: print(e)
                try: w.recv()
                except OSError as e: print(e)
                try: r.fileno()
                except io.UnsupportedOperation as e: print('fileno', e)
                with w: w.send('last')
                print('closed', w.closed, r.recv())
                try: r.recv()
                except EOFError: print('EOFError after the writer closed')
                try: w.send(1)
                except OSError as e: print(e)
                x, y = mp.Pipe(); y.close()
                try: x.send(1)
                except BrokenPipeError as e: print(type(e).__name__, e.errno, e)
                """);
        assertEquals(List.of(
                "object {'x': [1, 2]}",
                "slice b'234'",
                "array True",
                "send_bytes (-1, None) offset is negative",
                "send_bytes (3, None) buffer length < offset",
                "send_bytes (0, -1) size is negative",
                "send_bytes (1, 2) buffer length < offset + size",
                "poll empty False False",
                "poll ready True",
                "into 5 b'\\x00\\x00hello\\x00'",
                "too short b'too long for it'",
                "maxlength bad message length False True",
                "negative maxlength",
                "one-way True False False True",
                "connection is read-only",
                "connection is write-only",
                "fileno fileno",
                "closed True last",
                "EOFError after the writer closed",
                "handle is closed",
                "BrokenPipeError 32 [Errno 32] Broken pipe"), run.lines(), run.toString());
    }

    @Test
    void endOfFileWaitsForEveryHandleInEveryProcess() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os
                def writer(r, w):
                    r.close()
                    for i in range(3): w.send(i)
                    w.close()
                def dies_holding(w):
                    os._exit(3)
                def reader(r, w):
                    w.close()
                    got = []
                    try:
                        while True: got.append(r.recv())
                    except EOFError:
                        print('reader got', got, 'then EOFError')
                if __name__ == '__main__':
                    r, w = mp.Pipe()
                    procs = [mp.Process(target=writer, args=(r, w)), mp.Process(target=dies_holding, args=(w,)),
                             mp.Process(target=reader, args=(r, w))]
                    for p in procs: p.start()
                    r.close(); w.close()   # right after start: the children's copies stay open
                    for p in procs: p.join()
                    print('exit codes', [p.exitcode for p in procs])
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("reader got [0, 1, 2] then EOFError", "exit codes [0, 3, 0]"), run.lines()));
    }

    @Test
    void readersSharingAnEndEachGetWholeMessages() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def take(r, results):
                    message = r.recv()
                    results.put((len(message), message == bytes([message[0]]) * len(message)))
                if __name__ == '__main__':
                    r, w = mp.Pipe(duplex=False)
                    results = mp.Queue()
                    readers = [mp.Process(target=take, args=(r, results)) for _ in range(3)]
                    for p in readers: p.start()
                    for i in range(3): w.send(bytes([i]) * (1 << 20))
                    for p in readers: p.join()
                    print(sorted(results.get() for _ in readers))
                """);
        assertEquals(List.of("[(1048576, True), (1048576, True), (1048576, True)]"), run.lines(), run.toString());
    }

    @Test
    void waitReturnsTheReadyConnectionsAndEndedProcesses() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time
                from multiprocessing.connection import wait
                def answer(w):
                    w.send('ready')
                if __name__ == '__main__':
                    r1, w1 = mp.Pipe(duplex=False)
                    r2, w2 = mp.Pipe(duplex=False)
                    t = time.monotonic()
                    print('timeout', wait([r1, r2], timeout=0.2), time.monotonic() - t >= 0.2)
                    p = mp.Process(target=answer, args=(w2,)); p.start()
                    print('ready', wait([r1, r2]) == [r2], r2.recv())
                    p.join()
                    print('sentinel', wait([r1, p.sentinel], timeout=5) == [p.sentinel])
                """);
        assertEquals(List.of("timeout [] True", "ready True ready", "sentinel True"), run.lines(), run.toString());
    }

    @Test
    void waitTakesSocketsBesideConnections() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import socket, multiprocessing as mp
                from multiprocessing.connection import wait
                a, b = socket.socketpair()
                r, w = mp.Pipe()
                print('none ready', wait([a, r], 0.1))
                b.send(b'x')
                print('socket ready', wait([r, a], 5) == [a], wait([a], 5) == [a])
                w.send(1)
                print('both ready, in the order given', wait([r, a], 5) == [r, a])
                a.recv(1); r.recv()
                print('drained', wait([a, r], 0.1), wait([a], 0.1))
                try: wait([object()])
                except TypeError as e: print(e)
                """);
        assertEquals(List.of(
                "none ready []",
                "socket ready True True",
                "both ready, in the order given True",
                "drained [] []",
                "argument must be an int, or have a fileno() method."), run.lines(), run.toString());
    }
}
