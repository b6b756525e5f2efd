"""multiprocessing's API over threads: the same names, backed by the threading module.

Nothing here crosses a process boundary, so nothing here involves Java: a "process" is a
thread and shared objects are ordinary Python objects.
"""

__all__ = [
    'Process', 'current_process', 'active_children', 'freeze_support', 'Lock', 'RLock',
    'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'Queue', 'Manager',
    'Pipe', 'Pool', 'JoinableQueue',
]

import array
import threading
import weakref
from queue import Queue

from .connection import Pipe

from threading import Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition, Barrier


class DummyProcess(threading.Thread):
    """A thread that looks like a Process: started children are tracked, exitcode exists."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}):
        threading.Thread.__init__(self, group, target, name, args, kwargs)
        self._pid = None
        self._children = weakref.WeakKeyDictionary()
        self._start_called = False
        self._parent = current_process()

    def start(self):
        if self._parent is not current_process():
            raise RuntimeError(
                "Parent is {0!r} but current_process is {1!r}".format(self._parent, current_process()))
        self._start_called = True
        if hasattr(self._parent, '_children'):
            self._parent._children[self] = None
        threading.Thread.start(self)

    @property
    def exitcode(self):
        """0 once the thread has run and ended; None before start() or while it runs."""
        if self._start_called and not self.is_alive():
            return 0
        return None


Process = DummyProcess
current_process = threading.current_thread
current_process()._children = weakref.WeakKeyDictionary()


def active_children():
    """The started threads of the calling thread that are still alive."""
    children = current_process()._children
    for child in list(children):
        if not child.is_alive():
            children.pop(child, None)
    return list(children)


def freeze_support():
    pass


class Namespace(object):
    """A bag of attributes, with CPython's repr."""

    def __init__(self, /, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = sorted((name, value) for name, value in self.__dict__.items() if not name.startswith('_'))
        return '%s(%s)' % (type(self).__name__, ', '.join('%s=%r' % item for item in items))


dict = dict
list = list


def Array(typecode, sequence, lock=True):
    return array.array(typecode, sequence)


class Value(object):
    """A plain holder with a .value, standing in for a shared ctypes value."""

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        self._value = value

    def __repr__(self):
        return '<%s(%r, %r)>' % (type(self).__name__, self._typecode, self._value)


def Manager():
    """The 'manager' of this module is the module itself: its objects are already shared."""
    import sys
    return sys.modules[__name__]


def shutdown():
    pass


def Pool(processes=None, initializer=None, initargs=()):
    from ..pool import ThreadPool
    return ThreadPool(processes, initializer, initargs)


JoinableQueue = Queue
