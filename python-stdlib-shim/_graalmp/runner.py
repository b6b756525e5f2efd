"""Runs a program as `python3 FILE`, `python3 -c CODE`, `python3 -m MODULE`, `python3 -`
or a spawned child does.

Called from Java (org.graalmp.host.PythonHost); each function returns the exit status.
"""

import io
import os
import sys
import types

from _graalmp import posix, thread_excepthook

thread_excepthook.install()

# Set once by configure(), from the interpreter options GraalPy has no option for.
_skip_first_line = False
_unbuffered = False


def configure(xoptions, skip_first_line, unbuffered):
    """Applies -X options (sys._xoptions, faulthandler), -x and -u (or PYTHONUNBUFFERED)."""
    global _skip_first_line, _unbuffered
    _skip_first_line, _unbuffered = bool(skip_first_line), bool(unbuffered)
    options = {}
    for option in xoptions:
        name, equals, value = str(option).partition('=')
        options[name] = value if equals else True
    sys._xoptions = options
    if 'faulthandler' in options or 'dev' in options:
        import faulthandler
        faulthandler.enable()
    return 0


def run_file(path, argv):
    _prepare_interpreter()
    path = str(path)
    _set_argv(argv)
    try:
        with open(path, 'rb') as f:
            source = f.read()
    except OSError as e:
        print(f"graalmp: can't open file {os.path.abspath(path)!r}: "
              f"[Errno {e.errno}] {e.strerror}", file=sys.stderr)
        return 2
    if _skip_first_line:
        # python3 -x skips the line but counts it: line numbers stay those of the file.
        newline = source.find(b'\n')
        source = b'\n' + source[newline + 1:] if newline >= 0 else b''
    # Like python3: made absolute by joining the working directory, but not normalized.
    script = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
    _set_path0(os.path.dirname(os.path.realpath(script)))
    main = _fresh_main(__file__=script, __cached__=None)
    return _run(source, script, main)


def run_code(code, argv):
    _prepare_interpreter()
    _set_argv(argv)
    _set_path0('')
    main = _fresh_main()
    return _run(str(code), '<string>', main)


def run_module(name, argv):
    """python3 -m: runpy finds the module and sets sys.argv[0] to its file."""
    _prepare_interpreter()
    _set_argv(argv)
    _set_path0(os.getcwd())
    import runpy
    status = _call_as_main(runpy._run_module_as_main, str(name))
    _flush_standard_streams()
    return status


def run_stdin(named, argv):
    """python3 - (named) or python3 with no program: the program is standard input."""
    _prepare_interpreter()
    if not named and sys.stdin.isatty():
        print('graalmp: interactive mode is not supported: give FILE.py, -c CODE, -m MODULE '
              'or a program on standard input', file=sys.stderr)
        return 2
    _set_argv(argv)
    _set_path0('')
    main = _fresh_main()
    return _run(sys.stdin.read(), '<stdin>', main)


def prepare_child():
    """What a child does before its payload arrives (it may be a spare in a warm pool)."""
    _prepare_interpreter()
    from multiprocessing import spawn  # noqa: F401  (with _pickle, threading, context, ...)
    return 0


def warm_up_child(main_path):
    """What a spare child does while it waits, once it knows its parent's main script."""
    from multiprocessing import spawn
    spawn.prepare_ahead(str(main_path))
    return 0


def rehearse_child(hub_address, hub_key, queue_id):
    """What a spare child does next while it waits: rehearses a child's first steps.
    Returns 0 if the rehearsal went through."""
    from multiprocessing import spawn
    return 0 if spawn.rehearse((str(hub_address), str(hub_key)), int(queue_id)) else 1


def run_child(payload):
    from _graalmp import java
    from multiprocessing import spawn
    return spawn.run_payload(java.to_bytes(payload))


def exit_status(exc):
    """The status CPython exits with for SystemExit `exc`, printing a non-int code."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return int(code)  # sys.exit(True) exits 1: a bool is an int, but Java wants an int
    print(code, file=sys.stderr)
    return 1


def _prepare_interpreter():
    posix.correct_sysconf()
    posix.correct_getpid()
    posix.correct_getppid()
    posix.correct_kill()
    _buffer_standard_streams()


def _buffer_standard_streams():
    """Buffers stdout and stderr as python3 does (GraalPy's write straight through).

    python3 block-buffers stdout unless it is a terminal and line-buffers stderr; without
    that, the halves of a print() from two processes can interleave mid-line.
    -u and PYTHONUNBUFFERED (unless -E) keep them unbuffered, as they do in python3.
    """
    if _unbuffered:
        return
    for name in ('stdout', 'stderr'):
        stream = getattr(sys, name)
        if not isinstance(stream, io.TextIOWrapper) or isinstance(stream.buffer, io.BufferedWriter):
            continue
        encoding, errors = stream.encoding, stream.errors
        stream.flush()
        raw = stream.detach()
        line_buffering = name == 'stderr' or raw.isatty()
        wrapped = io.TextIOWrapper(io.BufferedWriter(raw), encoding=encoding, errors=errors,
                                   line_buffering=line_buffering)
        setattr(sys, name, wrapped)
        setattr(sys, '__%s__' % name, wrapped)


def _set_argv(argv):
    sys.argv[:] = [str(arg) for arg in argv]
    if not sys.path:
        sys.path.append('')


def _set_path0(folder):
    """Puts the program's folder first on sys.path, unless -P or -I say not to."""
    if not sys.flags.safe_path:
        sys.path[0] = folder


def _fresh_main(**attributes):
    main = types.ModuleType('__main__')
    main.__dict__.update(__builtins__=__builtins__, __loader__=None, __spec__=None,
                         __annotations__={}, **attributes)
    sys.modules['__main__'] = main
    return main


def _run(source, filename, main):
    try:
        code = compile(source, filename, 'exec')
    except SyntaxError as e:
        # python3 reports a script that does not compile with no traceback header.
        report_uncaught(e, None)
        _flush_standard_streams()
        return 1
    status = _call_as_main(exec, code, main.__dict__)
    _flush_standard_streams()
    return status


def _call_as_main(function, *args):
    """Calls `function` as a program's body: the exit status, an uncaught exception reported."""
    try:
        function(*args)
        return 0
    except SystemExit as e:
        return exit_status(e)
    except BaseException as e:
        # Drop this runner's own frame, as python3's traceback starts in the program.
        report_uncaught(e, e.__traceback__.tb_next if e.__traceback__ else None)
        return 1


def report_uncaught(exc, tb):
    """Prints an uncaught exception through sys.excepthook, as python3 does."""
    if sys.excepthook is sys.__excepthook__:
        # The traceback module renders SyntaxError carets as python3 does; GraalPy's
        # built-in hook marks only the first column.
        import traceback
        traceback.print_exception(type(exc), exc, tb)
    else:
        sys.excepthook(type(exc), exc, tb)


def _flush_standard_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
