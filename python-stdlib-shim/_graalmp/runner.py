"""Runs a program as `python3 FILE`, `python3 -c CODE` or a spawned child does.

Called from Java (org.graalmp.host.PythonHost); each function returns the exit status.
"""

import io
import os
import sys
import types

from _graalmp import posix


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
    # Like python3: made absolute by joining the working directory, but not normalized.
    script = path if os.path.isabs(path) else os.path.join(os.getcwd(), path)
    sys.path[0] = os.path.dirname(os.path.realpath(script))
    main = _fresh_main(__file__=script, __cached__=None)
    return _run(source, script, main)


def run_code(code, argv):
    _prepare_interpreter()
    _set_argv(argv)
    sys.path[0] = ''
    main = _fresh_main()
    return _run(str(code), '<string>', main)


def prepare_child(_unused='', argv=()):
    """What a child does before its payload arrives (it may be a spare in a warm pool)."""
    _prepare_interpreter()
    from multiprocessing import spawn  # noqa: F401  (with pickle, queues, connection, ...)
    return 0


def run_child(payload, argv=()):
    from _graalmp import java
    from multiprocessing import spawn
    return spawn.run_payload(java.to_bytes(payload))


def exit_status(exc):
    """The status CPython exits with for SystemExit `exc`, printing a non-int code."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _prepare_interpreter():
    posix.correct_sysconf()
    _buffer_standard_streams()


def _buffer_standard_streams():
    """Buffers stdout and stderr as python3 does (GraalPy's write straight through).

    python3 block-buffers stdout unless it is a terminal and line-buffers stderr; without
    that, the halves of a print() from two processes can interleave mid-line.
    PYTHONUNBUFFERED keeps them unbuffered, as it does in python3.
    """
    if os.environ.get('PYTHONUNBUFFERED'):
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
    try:
        exec(code, main.__dict__)
        status = 0
    except SystemExit as e:
        status = exit_status(e)
    except BaseException as e:
        # Drop this runner's own frame, as python3's traceback starts in the program.
        report_uncaught(e, e.__traceback__.tb_next if e.__traceback__ else None)
        status = 1
    _flush_standard_streams()
    return status


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
