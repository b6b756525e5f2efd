package org.graalmp.connection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Listener} and {@code Client} in Python programs run through the embedding API. */
class ListenerClientScriptTests {

    @TempDir
    Path folder;

    @Test
    void threadsExchangeObjectsBothWaysOverBothFamilies() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import os, threading
                from multiprocessing.connection import Listener, Client
                def client(address, key):
                    with Client(address, authkey=key) as c:
                        c.send({'question': c.recv()})
                        c.send_bytes(b'x' * 100000)
                for family in ('AF_INET', 'AF_UNIX'):
                    with Listener(family=family, authkey=b'secret') as listener:
                        t = threading.Thread(target=client, args=(listener.address, b'secret'))
                        t.start()
                        with listener.accept() as conn:
                            conn.send([1, 'two', (3.0,)])
                            print(family, conn.recv(), len(conn.recv_bytes()))
                            print('poll after peer closed', conn.poll(5))
                            try:
                                conn.recv()
                            except EOFError:
                                print('EOFError')
                        t.join()
                        address = listener.address
                    print(family, type(address).__name__,
                          family == 'AF_INET' or not os.path.exists(address))
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "AF_INET {'question': [1, 'two', (3.0,)]} 100000",
                        "poll after peer closed True",
                        "EOFError",
                        "AF_INET tuple True",
                        "AF_UNIX {'question': [1, 'two', (3.0,)]} 100000",
                        "poll after peer closed True",
                        "EOFError",
                        "AF_UNIX str True"), run.lines()));
    }

    @Test
    void childProcessConnectsBackWithTheAuthkeyAndAWrongKeyIsRefused() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                from multiprocessing.connection import Listener, Client
                def child(address, key):
                    with Client(address, authkey=key) as c:
                        job = c.recv()
                        c.send({'sum': sum(job), 'job': job})
                    try:
                        Client(address, authkey=b'not the key')
                    except mp.AuthenticationError as e:
                        print('child:', type(e).__name__, e)
                if __name__ == '__main__':
                    key = mp.current_process().authkey
                    with Listener(('localhost', 0), authkey=key) as listener:
                        p = mp.Process(target=child, args=(listener.address, key))
                        p.start()
                        with listener.accept() as conn:
                            conn.send([1, 2, 3])
                            reply = conn.recv()
                        try:
                            listener.accept()
                            refused = 'not refused'
                        except mp.AuthenticationError as e:
                            refused = '%s: %s' % (type(e).__name__, e)
                        p.join()
                        print('parent got', reply)
                        print('parent:', refused)
                        print('exitcode', p.exitcode)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("parent got {'sum': 6, 'job': [1, 2, 3]}")),
                () -> assertTrue(run.lines().contains("parent: AuthenticationError: digest received was wrong")),
                () -> assertTrue(run.lines().contains("child: AuthenticationError digest sent was rejected")),
                () -> assertTrue(run.lines().contains("exitcode 0")));
    }

    @Test
    void refusesWhatCPythonRefusesWithItsErrors() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import pickle
                from multiprocessing.connection import (Listener, Client, address_type,
                                                        arbitrary_address, deliver_challenge)
                def attempt(f, *args, **kwargs):
                    try:
                        f(*args, **kwargs)
                        print('no error')
                    except Exception as e:
                        print(type(e).__name__ + ':', e)
                attempt(Listener, ('localhost', 0), authkey='text')
                attempt(Listener, family='AF_PIPE')
                attempt(arbitrary_address, 'AF_BOGUS')
                attempt(address_type, b'bytes')
                attempt(Listener, 'path', family='AF_INET')
                attempt(Listener, ('localhost', 70000))
                attempt(Client, ('localhost', 1))
                with Listener() as listener:
                    print(address_type(listener.address), listener.last_accepted)
                    attempt(Listener, listener.address)
                    with Client(listener.address) as c, listener.accept() as s:
                        attempt(pickle.dumps, c)
                        attempt(deliver_challenge, c, 'text')
                        attempt(Client, listener.address, authkey='text')
                listener.close()
                attempt(listener.accept)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "TypeError: authkey should be a byte string",
                        "ValueError: Family AF_PIPE is not recognized.",
                        "ValueError: unrecognized family",
                        "ValueError: address type of b'bytes' unrecognized",
                        "TypeError: bind(): AF_INET address must be tuple, not str",
                        "OverflowError: bind(): port must be 0-65535.",
                        "ConnectionRefusedError: [Errno 111] Connection refused",
                        "AF_UNIX None",
                        "OSError: [Errno 98] Address already in use",
                        "TypeError: graalmp cannot send a socket Connection to another process; "
                                + "connect to the Listener from that process instead",
                        "ValueError: Authkey must be bytes, not <class 'str'>",
                        "TypeError: authkey should be a byte string",
                        "OSError: listener is closed"), run.lines()));
    }
}
