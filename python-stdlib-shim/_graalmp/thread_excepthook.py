"""_thread._excepthook and _thread._ExceptHookArgs, which CPython writes in C and GraalPy lacks.

Without them, `import threading` falls back to a Python excepthook that imports traceback at
once, and with it linecache, tokenize and textwrap: 0.13 s in every graalmp process, each
child JVM included, for a hook that runs only when a thread dies of an exception. This one
prints what CPython's prints and imports traceback only then. install() must run before
threading is first imported.
"""

import _thread
import sys
from collections import namedtuple


class _ExceptHookArgs(namedtuple('_ExceptHookArgs', 'exc_type exc_value exc_traceback thread')):
    """What threading.excepthook receives; built, as CPython's, from one 4-item sequence."""
    __slots__ = ()

    def __new__(cls, args):
        return super().__new__(cls, *args)

    def __repr__(self):
        return f'_thread.{super().__repr__()}'


_ExceptHookArgs.__module__ = '_thread'


def _excepthook(args, /):
    """Handle uncaught Thread.run() exception."""
    if args.exc_type == SystemExit:
        return  # silently, as CPython
    stderr = sys.stderr
    if stderr is None:
        # Then the stderr the thread started with, if any.
        stderr = getattr(args.thread, '_stderr', None)
        if stderr is None:
            return
    name = args.thread.name if args.thread is not None else _thread.get_ident()
    print(f'Exception in thread {name}:', file=stderr, flush=True)
    from traceback import print_exception
    print_exception(args.exc_type, args.exc_value, args.exc_traceback, file=stderr)
    stderr.flush()


def install():
    if 'threading' in sys.modules or hasattr(_thread, '_excepthook'):
        return  # too late to matter, or not needed
    _thread._excepthook = _excepthook
    _thread._ExceptHookArgs = _ExceptHookArgs
