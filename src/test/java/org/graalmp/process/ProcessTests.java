package org.graalmp.process;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of {@code multiprocessing.Process} against CPython's documented behaviour, each with
 * real child JVMs. Every script prints facts as {@code key=value} lines; the assertions
 * compare them with what CPython promises.
 */
class ProcessTests {

    @TempDir
    Path folder;

    @Test
    void childSeesThePidNameAndArgumentsItsParentSees() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, sys
                def work(q, authkey, *, key):
                    me = mp.current_process()
                    print(f'child pid={os.getpid()} current={me.pid} name={me.name} args={q} kw={key}')
                    print(f'authkey inherited={bytes(me.authkey) == authkey} length={len(authkey)}')
                    print(f'parent name={mp.parent_process().name} main={__name__}')
                if __name__ == '__main__':
                    p = mp.Process(target=work, args=([1, 'x'], bytes(mp.current_process().authkey)),
                                   kwargs={'key': 'v'})
                    print(f'before pid={p.pid} alive={p.is_alive()} exitcode={p.exitcode} name={p.name}')
                    p.start()
                    print(f'started pid={p.pid} ident={p.ident} sentinel_int={isinstance(p.sentinel, int)}')
                    sys.stdout.flush()
                    p.join()
                    print(f'joined alive={p.is_alive()} exitcode={p.exitcode} active={mp.active_children()}')
                """);
        List<String> lines = run.lines();
        String startedPid = field(lines, "started", "pid");
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(lines.contains("before pid=None alive=False exitcode=None name=Process-1")),
                () -> assertEquals(startedPid, field(lines, "started", "ident")),
                () -> assertEquals(startedPid, field(lines, "child", "pid")),
                () -> assertEquals(startedPid, field(lines, "child", "current")),
                () -> assertTrue(lines.contains("started pid=" + startedPid + " ident=" + startedPid + " sentinel_int=True")),
                () -> assertTrue(run.out().contains("name=Process-1 args=[1, 'x'] kw=v")),
                () -> assertTrue(lines.contains("parent name=MainProcess main=__mp_main__")),
                () -> assertTrue(lines.contains("authkey inherited=True length=32")),
                () -> assertTrue(lines.contains("joined alive=False exitcode=0 active=[]")));
    }

    /** graalmp runs a .py main script itself, not through runpy.run_path: the same globals. */
    @Test
    void aChildImportsTheMainScriptAsMpMainWithRunpysGlobals() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, sys
                if __name__ == '__mp_main__':
                    g = globals()
                    print('importing', __name__, os.path.basename(__file__), os.path.basename(sys.argv[0]),
                          {k: g[k] for k in ('__spec__', '__package__', '__loader__', '__cached__', '__doc__')},
                          sys.modules['__mp_main__'].__dict__ is g, flush=True)
                def work():
                    main = sys.modules['__main__']
                    print('child', __name__, main is sys.modules['__mp_main__'], main.work.__module__,
                          os.path.basename(sys.argv[0]), flush=True)
                if __name__ == '__main__':
                    p = mp.Process(target=work); p.start(); p.join()
                """);
        // CPython 3.11's lines for the same script under the spawn start method.
        assertEquals(List.of(
                "importing __mp_main__ script.py script.py {'__spec__': None, '__package__': '', '__loader__': None,"
                        + " '__cached__': None, '__doc__': None} True",
                "child __mp_main__ True __mp_main__ script.py"), run.lines(), run.toString());
    }

    @Test
    void aChildSeesTheDirectoryAndEnvironmentOfStartTimeWarmPoolOrNot() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os, time
                def report(tag): print(tag, os.getcwd() == os.environ['EXPECT_CWD'], os.environ.get('MARK'), flush=True)
                def start(tag):
                    os.environ['EXPECT_CWD'] = os.getcwd()
                    p = mp.Process(target=report, args=(tag,)); p.start(); p.join()
                    return p
                if __name__ == '__main__':
                    os.environ.pop('MARK', None)
                    start('first')
                    second = start('unchanged')
                    os.environ['MARK'] = 'set'
                    start('environment')
                    os.chdir('..')
                    start('directory')
                    print('names', second.name, 'pids differ', len({second.pid, os.getpid()}) == 2)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("first True None", "unchanged True None", "environment True set",
                        "directory True set", "names Process-2 pids differ True"), run.lines()));
    }

    @Test
    void exitCodesFollowCPython() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, sys, time
                def exit_with(code): sys.exit(code)
                def fail(): raise ValueError('失败 in child')
                def sleep(): time.sleep(60)
                if __name__ == '__main__':
                    procs = {'ok': mp.Process(target=exit_with, args=(None,)),
                             'three': mp.Process(target=exit_with, args=(3,)),
                             'text': mp.Process(target=exit_with, args=('bye text',)),
                             'raise': mp.Process(target=fail, name='Failing'),
                             'term': mp.Process(target=sleep),
                             'kill': mp.Process(target=sleep)}
                    # The failing child reports alone: two children's stderr lines would interleave.
                    procs['raise'].start(); procs['raise'].join()
                    for name, p in procs.items():
                        if name != 'raise': p.start()
                    procs['term'].terminate()
                    procs['kill'].kill()
                    for name, p in procs.items():
                        p.join()
                        print(f'{name}={p.exitcode}')
                    print(repr(procs['term']).split(' parent=')[1])
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("ok=0", "three=3", "text=1", "raise=1", "term=-15", "kill=-9",
                        "%s stopped exitcode=-SIGTERM>".formatted(ProcessHandle.current().pid())), run.lines()),
                () -> assertTrue(run.err().contains("bye text\n")),
                () -> assertTrue(run.err().contains("Process Failing:\nTraceback (most recent call last):")),
                () -> assertTrue(run.err().contains("ValueError: 失败 in child")));
    }

    @Test
    void grandchildNamesAndDaemonRules() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def leaf():
                    print(f'leaf={mp.current_process().name} parent={mp.parent_process().name}')
                def middle():
                    p = mp.Process(target=leaf); p.start(); p.join()
                def daemon_parent():
                    try:
                        mp.Process(target=leaf).start()
                    except AssertionError as e:
                        print(f'daemon error={e}')
                if __name__ == '__main__':
                    for target, daemon in ((middle, False), (daemon_parent, True)):
                        p = mp.Process(target=target, daemon=daemon); p.start(); p.join()
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("leaf=Process-1:1 parent=Process-1")),
                () -> assertTrue(run.lines().contains("daemon error=daemonic processes are not allowed to have children")));
    }

    @Test
    void exitJoinsChildrenAndTerminatesDaemons() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time
                def slow(text, seconds):
                    time.sleep(seconds)
                    print(text)
                if __name__ == '__main__':
                    mp.Process(target=slow, args=('worker done', 1)).start()
                    mp.Process(target=slow, args=('daemon done', 60), daemon=True).start()
                    print('main done')
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("main done", "worker done"), run.lines()));
    }

    @Test
    void joinTimeoutCloseAndMisuseGiveCPythonsErrors() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, time, pickle
                def sleep(): time.sleep(60)
                anonymous = lambda: None
                def outer():
                    def inner(): pass
                    return inner
                def attempt(label, action):
                    try:
                        action()
                        print(f'{label}: no error')
                    except Exception as e:
                        print(f'{label}: {type(e).__name__}: {e}')
                if __name__ == '__main__':
                    attempt('fork', lambda: mp.get_context('fork'))
                    attempt('set spawn', lambda: mp.set_start_method('spawn'))
                    attempt('set twice', lambda: mp.set_start_method('spawn'))
                    p = mp.Process(target=sleep)
                    attempt('join unstarted', p.join)
                    p.start()
                    attempt('start twice', p.start)
                    p.join(0.2)
                    print(f'after timeout exitcode={p.exitcode} alive={p.is_alive()}')
                    attempt('close running', p.close)
                    p.terminate(); p.join(); p.close()
                    attempt('pid after close', lambda: p.pid)
                    attempt('lambda target', lambda: mp.Process(target=anonymous).start())
                    attempt('local target', lambda: mp.Process(target=outer()).start())
                    attempt('pickle authkey', lambda: pickle.dumps(mp.current_process().authkey))
                    print(f'methods={mp.get_start_method()} {mp.get_all_start_methods()}')
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("join unstarted: AssertionError: can only join a started process")),
                () -> assertTrue(run.lines().contains("start twice: AssertionError: cannot start a process twice")),
                () -> assertTrue(run.lines().contains("after timeout exitcode=None alive=True")),
                () -> assertTrue(run.lines().contains("close running: ValueError: Cannot close a process while it is "
                        + "still running. You should first call join() or terminate().")),
                () -> assertTrue(run.lines().contains("pid after close: ValueError: process object is closed")),
                () -> assertTrue(run.out().contains("lambda target: PicklingError: Can't pickle <function <lambda> at 0x"),
                        "CPython's message for a target that cannot be found by name"),
                () -> assertTrue(run.out().contains("attribute lookup <lambda> on __main__ failed")),
                () -> assertTrue(run.lines().contains("local target: AttributeError: Can't pickle local object 'outer.<locals>.inner'")),
                () -> assertTrue(run.lines().contains("pickle authkey: TypeError: Pickling an AuthenticationString "
                        + "object is disallowed for security reasons")),
                () -> assertTrue(run.lines().contains("methods=spawn ['spawn']")),
                () -> assertTrue(run.lines().contains("fork: ValueError: cannot find context for 'fork'")),
                () -> assertTrue(run.lines().contains("set spawn: no error")),
                () -> assertTrue(run.lines().contains("set twice: RuntimeError: context has already been set")));
    }

    @Test
    void startingAProcessWhileImportingMainFailsInTheChild() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def work(): pass
                p = mp.Process(target=work)
                p.start()
                p.join()
                if __name__ == '__main__':
                    print(f'exitcode={p.exitcode}')
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("exitcode=1")),
                () -> assertTrue(run.err().contains("RuntimeError: \n        An attempt has been made to start a new "
                        + "process before the\n        current process has finished its bootstrapping phase.")));
    }

    /** The value of {@code key=} on the line that starts with {@code prefix}. */
    private static String field(List<String> lines, String prefix, String key) {
        for (String line : lines) {
            if (line.startsWith(prefix + " ")) {
                for (String word : line.split(" ")) {
                    if (word.startsWith(key + "=")) {
                        return word.substring(key.length() + 1);
                    }
                }
            }
        }
        throw new AssertionError("no " + key + "= on a line starting with " + prefix + " in " + lines);
    }
}
