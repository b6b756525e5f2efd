package org.graalmp.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs killed with SIGKILL while they use shared objects: the parent goes on, and the
 * objects keep working for the processes still alive. A Pool worker killed mid-task is
 * {@code PoolTests.aWorkerKilledMidTaskFailsThatTaskAndIsReplaced}.
 *
 * <p>The scripts kill with {@code kill -9}: GraalPy's {@code os.kill} reaches only the
 * processes it started itself with {@code subprocess}. Each prints {@code noticed=} lines,
 * the seconds from the kill until {@code join()} returned.
 */
@Timeout(300)
class KilledChildTests {

    /** Python helpers every script here starts with. */
    static final String KILL = """
            import multiprocessing as mp, subprocess, time, queue, sys
            def sigkill(p):
                killed = time.monotonic()
                subprocess.run(['kill', '-9', str(p.pid)], check=True)
                p.join(60)
                print(f'noticed={time.monotonic() - killed:.2f}', file=sys.stderr, flush=True)
                print(f'{p.name} exitcode={p.exitcode} alive={p.is_alive()}', flush=True)
            """;

    @TempDir
    Path folder;

    @Test
    void aChildKilledWhileBlockedTakesNothingWithIt() throws Exception {
        ScriptRun run = ScriptRun.of(folder, KILL + """
                def take(q, ready):
                    ready.set(); print('unexpected', q.get(), flush=True)
                def receive(conn, ready):
                    ready.set(); print('unexpected', conn.recv(), flush=True)
                def wait_for(lock, ready):
                    ready.set(); lock.acquire(); print('unexpected acquire', flush=True)
                def hold(lock, ready):
                    lock.acquire(); ready.set(); time.sleep(600)
                def consume(q, out):
                    out.put(q.get(timeout=60))
                def blocked(target, shared, name):
                    ready = mp.Event()
                    p = mp.Process(target=target, args=(shared, ready), name=name)
                    p.start(); ready.wait(); time.sleep(1)  # in the call, not on its way
                    sigkill(p)
                if __name__ == '__main__':
                    q = mp.Queue()
                    blocked(take, q, 'getter')
                    q.put('first'); q.put('second')
                    out = mp.Queue(); c = mp.Process(target=consume, args=(q, out)); c.start()
                    print('queue:', q.get(timeout=10), 'and to another consumer:', out.get(timeout=60)); c.join()
                    reader, writer = mp.Pipe(duplex=False)
                    blocked(receive, reader, 'receiver')
                    writer.send('message')
                    print('pipe:', reader.recv() if reader.poll(10) else 'nothing')
                    lock = mp.Lock(); lock.acquire()
                    blocked(wait_for, lock, 'waiter')
                    lock.release()
                    print('lock after a killed waiter:', lock.acquire(timeout=10)); lock.release()
                    blocked(hold, lock, 'holder')
                    print('lock a killed holder held, acquired:', lock.acquire(timeout=2))
                """);
        printNoticed("child killed while blocked", run);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "getter exitcode=-9 alive=False",
                        "queue: first and to another consumer: second",
                        "receiver exitcode=-9 alive=False",
                        "pipe: message",
                        "waiter exitcode=-9 alive=False",
                        "lock after a killed waiter: True",
                        "holder exitcode=-9 alive=False",
                        // as CPython: a lock dies held with its holder (a SemLock is not released)
                        "lock a killed holder held, acquired: False"), run.lines()));
    }

    @Test
    void aChildKilledMidStreamLeavesWholeMessagesInOrder() throws Exception {
        ScriptRun run = ScriptRun.of(folder, KILL + """
                SIZE = 200_000
                def item(i): return (i, bytes([i % 251]) * SIZE)
                def produce(q, conn):
                    for i in range(1_000_000):
                        q.put(item(i)); conn.send(item(i))
                def intact(got, source):
                    numbers = [i for i, _ in got]
                    whole = all(data == item(i)[1] for i, data in got)
                    return f'{source}: in order={numbers == list(range(len(numbers)))} whole={whole} many={len(got) >= 10}'
                if __name__ == '__main__':
                    q = mp.Queue(); reader, writer = mp.Pipe(duplex=False)
                    p = mp.Process(target=produce, args=(q, writer), name='producer'); p.start(); writer.close()
                    from_queue = [q.get(timeout=60) for _ in range(10)]
                    from_pipe = [reader.recv() for _ in range(10)]
                    sigkill(p)
                    while True:
                        try: from_queue.append(q.get(timeout=2))
                        except queue.Empty: break
                    while True:
                        try: from_pipe.append(reader.recv())
                        except EOFError: break
                    print(intact(from_queue, 'queue')); print(intact(from_pipe, 'pipe'))
                    q.put('still works'); print(q.get(timeout=10))
                """);
        printNoticed("producer killed mid-stream", run);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "producer exitcode=-9 alive=False",
                        "queue: in order=True whole=True many=True",
                        "pipe: in order=True whole=True many=True",
                        "still works"), run.lines()));
    }

    @Test
    void proxiesOfAKilledManagerRaiseCPythonsConnectionErrors() throws Exception {
        ScriptRun run = ScriptRun.of(folder, KILL + """
                import threading
                def outcome(label, action):
                    try: return f'{label} ok {action()}'
                    except Exception as e: return f'{label} {type(e).__name__} {e}'
                def attempt(label, action):
                    print(outcome(label, action), flush=True)
                def in_new_thread(label, action):
                    said = []
                    t = threading.Thread(target=lambda: said.append(outcome(label, action))); t.start(); t.join(60)
                    return said
                if __name__ == '__main__':
                    m = mp.Manager()
                    d = m.dict(); q = m.Queue(); d['a'] = 1
                    in_flight = []
                    waiting = threading.Thread(target=lambda: in_flight.append(outcome('call in flight', q.get)))
                    waiting.start(); time.sleep(1)
                    sigkill(m._process)
                    waiting.join(60); print(*in_flight)
                    attempt('same thread', lambda: d['a'])
                    attempt('same thread again', lambda: q.put(1))
                    print(*in_new_thread('new thread', lambda: d['a']))
                    attempt('new object', m.dict)
                    attempt('shutdown', m.shutdown)
                """);
        // Each line as CPython 3.11 prints it for the same script (checked with python3).
        printNoticed("manager server killed", run);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "SyncManager-1 exitcode=-9 alive=False",
                        "call in flight EOFError ",
                        "same thread BrokenPipeError [Errno 32] Broken pipe",
                        "same thread again BrokenPipeError [Errno 32] Broken pipe",
                        "new thread ConnectionRefusedError [Errno 111] Connection refused",
                        "new object ConnectionRefusedError [Errno 111] Connection refused",
                        "shutdown ok None"), run.lines()));
    }

    /** Shows how long each fault took to be noticed (the scripts' {@code noticed=} lines). */
    static void printNoticed(String fault, ScriptRun run) {
        run.err().lines().filter(line -> line.startsWith("noticed=")).forEach(line -> System.out.println(fault + ": " + line));
    }
}
