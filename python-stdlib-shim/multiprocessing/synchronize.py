"""Locks, semaphores and events between processes: their state lives in Java in the root process."""

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier']

import os
import threading

import time

from _graalmp import java

from . import context, process


def _owner():
    """Who holds a recursive lock: this thread of this process."""
    return f'{os.getpid()}/{threading.get_ident()}'


class SemLock(object):
    """A counter with waiters; the base of every lock and semaphore here."""

    def __init__(self, kind, value, *, ctx):
        self._kind = kind
        self._handle = java.create(kind, value)

    def acquire(self, block=True, timeout=None):
        return java.call(self._handle, 'acquire', _owner(), block, timeout)

    def release(self):
        java.call(self._handle, 'release', _owner())

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        return self.release()

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._kind, self._handle.id())

    def __setstate__(self, state):
        self._kind, object_id = state
        self._handle = java.objects.attach(object_id)

    def _value(self):
        return java.call(self._handle, 'get_value')


class Semaphore(SemLock):

    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, 'semaphore', value, ctx=ctx)

    def get_value(self):
        return self._value()

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self._value())


class BoundedSemaphore(Semaphore):

    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, 'bounded_semaphore', value, ctx=ctx)

    def __repr__(self):
        return '<%s(value=%s, maxvalue=%s)>' % (type(self).__name__, self._value(), '?')


class Lock(SemLock):

    def __init__(self, *, ctx):
        SemLock.__init__(self, 'lock', 1, ctx=ctx)

    def __repr__(self):
        owner = 'None' if self._value() == 1 else 'SomeOtherProcess'
        return '<%s(owner=%s)>' % (type(self).__name__, owner)


class RLock(SemLock):

    def __init__(self, *, ctx):
        SemLock.__init__(self, 'rlock', 1, ctx=ctx)

    def _is_mine(self):
        return java.call(self._handle, 'is_mine', _owner())

    def _count(self):
        return java.call(self._handle, 'count', _owner())

    def __repr__(self):
        if self._is_mine():
            name = process.current_process().name
            if threading.current_thread().name != 'MainThread':
                name += '|' + threading.current_thread().name
            owner, count = name, self._count()
        elif self._value() == 1:
            owner, count = 'None', 0
        else:
            owner, count = 'SomeOtherProcess', 'nonzero'
        return '<%s(%s, %s)>' % (type(self).__name__, owner, count)


class Event(object):
    """A flag that processes can set, clear and wait for."""

    def __init__(self, *, ctx):
        self._handle = java.create('event')

    def __getstate__(self):
        context.assert_spawning(self)
        return self._handle.id()

    def __setstate__(self, object_id):
        self._handle = java.objects.attach(object_id)

    def is_set(self):
        return java.call(self._handle, 'is_set')

    def set(self):
        java.call(self._handle, 'set')

    def clear(self):
        java.call(self._handle, 'clear')

    def wait(self, timeout=None):
        return java.call(self._handle, 'wait', timeout)

    def __repr__(self):
        set_status = 'set' if self.is_set() else 'unset'
        return f"<{type(self).__qualname__} at {id(self):#x} {set_status}>"


class Condition(object):
    """A condition variable over a shared Lock or RLock (by default a new RLock)."""

    def __init__(self, lock=None, *, ctx):
        self._lock = lock or ctx.RLock()
        self._handle = java.create('condition', self._lock._handle.id())
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._lock, self._handle.id())

    def __setstate__(self, state):
        self._lock, object_id = state
        self._handle = java.objects.attach(object_id)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def wait(self, timeout=None):
        """Releases the lock until notified or timed out; returns False on time-out."""
        return java.call(self._handle, 'wait', _owner(), timeout)

    def notify(self, n=1):
        java.call(self._handle, 'notify', _owner(), n)

    def notify_all(self):
        java.call(self._handle, 'notify_all', _owner())

    def wait_for(self, predicate, timeout=None):
        """Waits until predicate() is true; returns its last value."""
        return wait_for(self, predicate, timeout)

    def __repr__(self):
        waiting = java.call(self._handle, 'n_waiting', _owner())
        return '<%s(%s, %s)>' % (type(self).__name__, self._lock, waiting)


class Barrier(threading.Barrier):
    """A barrier for `parties` processes; the last to arrive runs `action`, if any."""

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._handle = java.create('barrier', parties)

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._parties, self._action, self._timeout, self._handle.id())

    def __setstate__(self, state):
        self._parties, self._action, self._timeout, object_id = state
        self._handle = java.objects.attach(object_id)

    def wait(self, timeout=None):
        """Waits for every party; returns this one's arrival index (0 .. parties-1)."""
        if timeout is None:
            timeout = self._timeout
        index = java.call(self._handle, 'wait', timeout, self._action is not None)
        if self._action is not None and index == self._parties - 1:
            try:
                self._action()
            except:
                java.call(self._handle, 'abort')
                raise
            java.call(self._handle, 'trip')
        return index

    def reset(self):
        java.call(self._handle, 'reset')

    def abort(self):
        java.call(self._handle, 'abort')

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return java.call(self._handle, 'n_waiting')

    @property
    def broken(self):
        return java.call(self._handle, 'broken')

    def __repr__(self):
        if self.broken:
            return f"<{type(self).__module__}.{type(self).__qualname__} at {id(self):#x}: broken>"
        return (f"<{type(self).__module__}.{type(self).__qualname__} at {id(self):#x}:"
                f" waiters={self.n_waiting}/{self.parties}>")


def wait_for(condition, predicate, timeout=None):
    """Condition.wait_for over any condition with wait(timeout): the predicate runs here."""
    result = predicate()
    if result:
        return result
    endtime = None if timeout is None else time.monotonic() + timeout
    waittime = None
    while not result:
        if endtime is not None:
            waittime = endtime - time.monotonic()
            if waittime <= 0:
                break
        condition.wait(waittime)
        result = predicate()
    return result
