package org.graalmp.faults;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other users of the machine reach none of a program's endpoints, and its keys are nowhere
 * they could read them. What the handshakes themselves refuse is tested beside them:
 * {@code HubTests.clientWithAWrongKeyIsRefused}, {@code ManagerTests.getServerAtATcpAddressAndConnectWithTheAuthkey},
 * {@code ListenerClientScriptTests.childProcessConnectsBackWithTheAuthkeyAndAWrongKeyIsRefused} and
 * {@code CPythonInteropTests.cpythonClientWithTheWrongKeyIsRejected} (AuthenticationError, as CPython).
 */
@Timeout(300)
class EndpointSecurityTests {

    /** Makes, in the root, one endpoint of each kind; {@code endpoints} names them. */
    private static final String ENDPOINTS = """
            import multiprocessing as mp, multiprocessing.managers as managers, os, glob, json, subprocess, sys
            from multiprocessing.connection import Listener
            from _graalmp import java
            def wait(ev): ev.wait(120)
            def square(x): return x * x
            def endpoints():
                ev = mp.Event()
                child = mp.Process(target=wait, args=(ev,)); child.start()
                value = mp.Value('i', 7)
                manager = managers.SyncManager(authkey=b'manager-secret-0123456789abcdef'); manager.start()
                tcp_manager = managers.SyncManager(address=('127.0.0.1', 0), authkey=b'tcp-manager-secret-0123456789'); tcp_manager.start()
                listener = Listener(family='AF_UNIX', authkey=b'listener-secret-0123456789abcdef')
                pool = mp.Pool(1); pool.apply(square, (3,))
                hub = java.objects.hubAddress()
                return dict(ev=ev, child=child, value=value, manager=manager, tcp_manager=tcp_manager,
                            listener=listener, pool=pool, hub=hub,
                            keys={'process authkey': bytes(mp.current_process().authkey),
                                  'hub key': bytes.fromhex(java.objects.hubKey()),
                                  'manager authkey': b'manager-secret-0123456789abcdef',
                                  'tcp manager authkey': b'tcp-manager-secret-0123456789',
                                  'listener authkey': b'listener-secret-0123456789abcdef'})
            def close(e):
                e['ev'].set(); e['child'].join(); e['pool'].close(); e['pool'].join()
                e['listener'].close(); e['manager'].shutdown(); e['tcp_manager'].shutdown()
            """;

    @TempDir
    Path folder;

    @Test
    void noKeyIsInACommandLineOrEnvironmentOfAnyProcess() throws Exception {
        ScriptRun run = ScriptRun.of(folder, ENDPOINTS + """
                import base64
                # GraalPy reads procfs files as empty (their size is 0): cat and ps read them.
                def descendants(root):
                    table = subprocess.run(['ps', '-e', '-o', 'pid=,ppid='], capture_output=True, text=True).stdout
                    parents = {int(pid): int(ppid) for pid, ppid in (line.split() for line in table.splitlines())}
                    found, frontier = [], [root]
                    while frontier:
                        pid = frontier.pop()
                        found.append(pid)
                        frontier += [child for child, parent in parents.items() if parent == pid]
                    return found
                def proc(pid, name):
                    return subprocess.run(['cat', f'/proc/{pid}/{name}'], capture_output=True).stdout
                def forms(key):
                    return [key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key),
                            base64.urlsafe_b64encode(key)]
                if __name__ == '__main__':
                    e = endpoints()
                    pids = descendants(os.getpid())
                    exposed, jvms = [], 0
                    for pid in pids:
                        cmdline, environ = proc(pid, 'cmdline'), proc(pid, 'environ')
                        jvms += b'java' in cmdline and b'PATH=' in environ
                        for name, key in e['keys'].items():
                            if any(form in cmdline or form in environ for form in forms(key)):
                                exposed.append((pid, name))
                    print('JVMs checked: at least 5' if jvms >= 5 else f'JVMs checked: only {jvms}')
                    print('keys exposed:', exposed)
                    close(e)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("JVMs checked: at least 5", "keys exposed: []"), run.lines()));
    }

    @Test
    void anotherUserReachesNoSocketOrSharedMemoryFile() throws Exception {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0),
                "runs a process as user nobody (65534): needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs /usr/bin/setpriv and /usr/bin/python3");
        ScriptRun run = ScriptRun.of(folder, ENDPOINTS + """
                STRANGER = r'''
                import hashlib, hmac, json, os, socket, sys
                def attempt(kind, target):
                    try:
                        if kind == 'unix':
                            socket.socket(socket.AF_UNIX).connect(target)
                        elif kind == 'file':
                            open(target, 'rb').read(1)
                        elif kind == 'folder':
                            os.listdir(target)
                        elif kind == 'tcp':
                            with socket.create_connection(tuple(target)) as s:
                                challenge = s.recv(32)  # graalmp's hub handshake, answered with a guessed key
                                s.sendall(hmac.new(b'guess', challenge, hashlib.sha256).digest())
                                if s.recv(9) != b'#WELCOME#':
                                    return 'refused by the handshake'
                        return 'REACHED'
                    except OSError as e:
                        return type(e).__name__
                print(f'uid={os.getuid()}')
                for name, (kind, target) in json.loads(sys.argv[1]).items():
                    if kind == 'tcp':
                        print(f'{name}: {attempt(kind, target)}')
                    else:
                        print(f'{name}: {attempt(kind, target)}, its folder: {attempt("folder", os.path.dirname(target))}')
                '''
                if __name__ == '__main__':
                    e = endpoints()
                    blocks = glob.glob(f'/dev/shm/graalmp-mem-{os.getpid()}-*/block-*') + glob.glob(f'/tmp/graalmp-mem-{os.getpid()}-*/block-*')
                    targets = {'hub socket': ('unix', e['hub']),
                               'manager socket': ('unix', e['manager'].address),
                               'listener socket': ('unix', e['listener'].address),
                               'shared-memory file': ('file', blocks[0]),
                               'manager at a TCP address': ('tcp', e['tcp_manager'].address)}
                    stranger = subprocess.run(['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups',
                                               '/usr/bin/python3', '-c', STRANGER, json.dumps(targets)],
                                              capture_output=True, text=True, cwd='/')
                    print(stranger.stdout + stranger.stderr, end='')
                    close(e)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "uid=65534",
                        "hub socket: PermissionError, its folder: PermissionError",
                        "manager socket: PermissionError, its folder: PermissionError",
                        "listener socket: PermissionError, its folder: PermissionError",
                        "shared-memory file: PermissionError, its folder: PermissionError",
                        "manager at a TCP address: refused by the handshake"), run.lines()));
    }
}
