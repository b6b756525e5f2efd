package org.graalmp.manager;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managers with real child JVMs: the server is a child process, proxies are used from other
 * children, and every expectation is CPython's behaviour for the same program.
 */
class ManagerTests {

    @TempDir
    Path folder;

    @Test
    void everySharedTypeWorksFromAChildAndTheServerEndsWithTheProgram() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, queue
                def child(d, l, ns, lock, rlock, sem, bsem, cond, ev, bar, q, jq, v, a):
                    d['child'] = 'yes'; d['nested'].append('from child')
                    l.append(3); ns.y = ns.x + 1
                    with lock: pass
                    with rlock:
                        with rlock: pass
                    sem.acquire(); bsem.acquire(); bsem.release()
                    with cond: cond.notify_all()
                    ev.wait(); bar.wait()
                    q.put(q.get() * 2); jq.get(); jq.task_done()
                    v.value += 1; a[0] = 9
                if __name__ == '__main__':
                    with mp.Manager() as m:
                        d = m.dict({'nested': m.list(['x'])}); l = m.list([1, 2]); ns = m.Namespace(x=1)
                        lock, rlock, sem, bsem = m.Lock(), m.RLock(), m.Semaphore(1), m.BoundedSemaphore(1)
                        cond, ev, bar = m.Condition(), m.Event(), m.Barrier(2)
                        q, jq, v, a = m.Queue(), m.JoinableQueue(), m.Value('i', 41), m.Array('i', [1, 2])
                        q.put(21); jq.put('job'); ev.set()
                        p = mp.Process(target=child, args=(d, l, ns, lock, rlock, sem, bsem, cond, ev, bar, q, jq, v, a))
                        p.start(); bar.wait(); jq.join(); p.join()
                        print('dict', d['child'], d['nested'][:], 'list', l[:], 'ns', ns.y)
                        print('sem', sem.acquire(False), 'bsem', bsem.acquire(False), 'released twice',
                              type(__import__('contextlib').suppress()).__name__)
                        print('queue', q.get(timeout=5), 'value', v.value, 'array', a[:], len(a), 'exit', p.exitcode)
                        try: bsem.release(); bsem.release()
                        except ValueError as e: print('bounded', e)
                        try: q.get(timeout=0.1)
                        except queue.Empty: print('empty')
                        print('server', m._process.name, m._process.pid)
                    print('alive after with', m._process is not None and m._process.is_alive())
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("dict yes ['x', 'from child'] list [1, 2, 3] ns 2")),
                () -> assertTrue(run.lines().contains("sem False bsem True released twice suppress")),
                () -> assertTrue(run.lines().contains("queue 42 value 42 array array('i', [9, 2]) 2 exit 0")),
                () -> assertTrue(run.lines().contains("bounded Semaphore released too many times")),
                () -> assertTrue(run.lines().contains("empty")),
                () -> assertTrue(run.lines().contains("alive after with False")),
                () -> assertFalse(serverAlive(run)));
    }

    @Test
    void reprStrErrorsAndNestedProxies() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, re
                from multiprocessing.managers import RemoteError
                def fill(outer):
                    outer['inner'].append('child')
                    outer['made'] = outer['inner']
                if __name__ == '__main__':
                    m = mp.Manager()
                    d = m.dict(a=1)
                    print(re.sub('0x[0-9a-f]+', 'ADDR', repr(d)), str(d))
                    try: d['missing']
                    except KeyError as e: print('KeyError', e)
                    try: d._callmethod('nope')
                    except RemoteError as e: print('remote', "AttributeError: method 'nope'" in str(e), str(e).startswith('\\n' + '-' * 75))
                    d['inner'] = m.list([1])
                    p = mp.Process(target=fill, args=(d,)); p.start(); p.join()
                    print('nested', d['inner'][:], d['made'][:], type(d['made']).__name__)
                    print('iter', sorted(d), 'keys', sorted(d.keys()), 'copy', type(d.copy()).__name__)
                    print('address', type(m.address).__name__, m.address is not None)
                    m.shutdown(); m.join()
                    print('after shutdown', m._process)
                    try: d['a']
                    except Exception as e: print('gone', type(e).__name__)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("<DictProxy object, typeid 'dict' at ADDR> {'a': 1}")),
                () -> assertTrue(run.lines().contains("KeyError 'missing'")),
                () -> assertTrue(run.lines().contains("remote True True")),
                () -> assertTrue(run.lines().contains("nested [1, 'child'] [1, 'child'] ListProxy")),
                () -> assertTrue(run.lines().contains("iter ['a', 'inner', 'made'] keys ['a', 'inner', 'made'] copy dict")),
                () -> assertTrue(run.lines().contains("address str True")),
                () -> assertTrue(run.lines().contains("after shutdown None")),
                () -> assertTrue(run.lines().stream().anyMatch(line -> line.startsWith("gone "))));
    }

    @Test
    void registeredTypesWithExposedAndMethodToTypeid() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                from multiprocessing.managers import BaseManager, BaseProxy
                import multiprocessing as mp
                class Counter:
                    def __init__(self, start=0): self.n = start
                    def bump(self): self.n += 1; return self.n
                    def hidden(self): return 'hidden'
                    def twin(self): return Counter(self.n * 10)
                    def fail(self): raise ValueError('bad count %d' % self.n)
                class MyManager(BaseManager): pass
                MyManager.register('Counter', Counter, exposed=('bump', 'twin', 'fail'),
                                   method_to_typeid={'twin': 'Counter'})
                MyManager.register('Plain', Counter)
                def use(c): c.bump()
                if __name__ == '__main__':
                    m = MyManager(); m.start()
                    c = m.Counter(5)
                    p = mp.Process(target=use, args=(c,)); p.start(); p.join()
                    print('bumped', c.bump(), type(c).__name__)
                    t = c.twin(); print('twin', t.bump(), type(t).__name__)
                    print('has hidden', hasattr(c, 'hidden'), 'plain hidden', hasattr(m.Plain(), 'hidden'))
                    try: c.fail()
                    except ValueError as e: print('raised', e)
                    print('server', m._process.name)
                    m.shutdown()
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("bumped 7 AutoProxy[Counter]")),
                () -> assertTrue(run.lines().contains("twin 71 AutoProxy[Counter]")),
                () -> assertTrue(run.lines().contains("has hidden False plain hidden True")),
                () -> assertTrue(run.lines().contains("raised bad count 7")),
                () -> assertTrue(run.lines().contains("server MyManager-1")));
    }

    @Test
    void getServerAtATcpAddressAndConnectWithTheAuthkey() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ScriptRun run = ScriptRun.of(folder, """
                from multiprocessing.managers import BaseManager
                from multiprocessing import AuthenticationError
                import multiprocessing as mp, time
                class QueueManager(BaseManager): pass
                store = {}
                QueueManager.register('store', callable=lambda: store)
                ADDRESS = ('127.0.0.1', %d)
                def serve():
                    QueueManager(address=ADDRESS, authkey=b'abc').get_server().serve_forever()
                def connected(key):
                    m = QueueManager(address=ADDRESS, authkey=key)
                    for _ in range(600):
                        try: m.connect(); return m
                        except ConnectionRefusedError: time.sleep(0.1)
                if __name__ == '__main__':
                    server = mp.Process(target=serve); server.start()
                    m = connected(b'abc')
                    m.store().update(x=1)
                    print('store', connected(b'abc').store().copy(), 'address', m.address)
                    try: connected(b'wrong')
                    except AuthenticationError as e: print('wrong key', e)
                    server.terminate(); server.join()
                """.formatted(port));
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("store {'x': 1} address ('127.0.0.1', " + port + ")")),
                () -> assertTrue(run.lines().contains("wrong key digest sent was rejected")));
    }

    @Test
    void xmlrpclibSerializerServesTheManagerAndAChildThatOnlyHoldsAProxy() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, queue
                from multiprocessing.managers import BaseManager
                q = queue.Queue()
                def get_queue(): return q
                class QueueManager(BaseManager): pass
                QueueManager.register('get_queue', callable=get_queue)
                def child(proxy): proxy.put(('from child', 2.5, None))
                if __name__ == '__main__':
                    m = QueueManager(serializer='xmlrpclib'); m.start()
                    shared = m.get_queue()
                    p = mp.Process(target=child, args=(shared,)); p.start(); p.join()
                    print('child', p.exitcode, shared.get(timeout=30))
                    m.shutdown()
                    try: BaseManager(serializer='json')
                    except KeyError as e: print('unknown serializer', e)
                """);
        assertEquals(List.of(
                "child 0 ['from child', 2.5, None]",
                "unknown serializer 'json'"), run.lines(), run.toString());
    }

    /** Whether the manager's server process (its pid printed as "server NAME PID") still runs. */
    private static boolean serverAlive(ScriptRun run) {
        List<String> server = run.lines().stream().filter(line -> line.startsWith("server ")).toList();
        assertEquals(1, server.size(), run.toString());
        long pid = Long.parseLong(server.get(0).split(" ")[2]);
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
