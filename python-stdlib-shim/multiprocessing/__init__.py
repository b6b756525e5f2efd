"""graalmp's multiprocessing: CPython's API, with child processes that are fresh JVMs.

The public names are the methods of the default context (see context.py), as in CPython.
"""

import sys

from . import context

__all__ = [name for name in dir(context._default_context) if not name.startswith('_')]
globals().update((name, getattr(context._default_context, name)) for name in __all__)

# Logging levels of the package logger, as CPython defines them.
SUBDEBUG = 5
SUBWARNING = 25

# Objects pickled in the parent by reference to __main__ resolve in a child, whose main
# module is imported as __mp_main__ and aliased as __main__; the alias works both ways.
if '__main__' in sys.modules:
    sys.modules['__mp_main__'] = sys.modules['__main__']

# A program that imports multiprocessing is about to start children: have JVMs ready.
from . import popen_spawn_jvm
popen_spawn_jvm.expect_children()
