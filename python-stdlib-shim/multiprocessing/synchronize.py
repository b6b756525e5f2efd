"""Locks, semaphores and events between processes: their state lives in Java in the root process."""

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier']

import threading

import time

from _graalmp import java

from . import context, process


class SemLock(object):
    """A counter with waiters; the base of every lock and semaphore here."""

    def __init__(self, kind, value, *, ctx):
        self._kind = kind
        self._handle = java.create(kind, value)

    def acquire(self, block=True, timeout=None):
        # As the calling thread (Java names it the owner); one crossing into Java.
        got = self._handle.acquire(block is True or bool(block), timeout)
        if type(got) is bool:
            return got
        return java.value(got)

    def release(self):
        failure = self._handle.release()
        if failure is not None:
            java.raise_failure(failure)

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
    """A lock its holder may take again. Java knows the first level each thread takes through
    this object; the levels taken again on top of it are counted here, without a call into
    Java (a Synchronized Value takes its lock three times per `value += 1`)."""

    def __init__(self, *, ctx):
        SemLock.__init__(self, 'rlock', 1, ctx=ctx)
        self._forget_levels()

    def __setstate__(self, state):
        SemLock.__setstate__(self, state)
        self._forget_levels()

    def _forget_levels(self):
        self._holder = None   # the thread holding this lock through this object, if any
        self._levels = 0      # how many times it holds it through this object

    def acquire(self, block=True, timeout=None):
        if self._holder == threading.get_ident():
            self._levels += 1
            return True
        got = SemLock.acquire(self, block, timeout)
        if got:
            self._holder, self._levels = threading.get_ident(), 1
        return got

    def release(self):
        if self._holder == threading.get_ident():
            if self._levels > 1:
                self._levels -= 1
                return
            self._forget_levels()  # before Java lets another thread of this process in
        SemLock.release(self)

    def _set_levels_aside(self):
        """Forgets the levels this thread holds through this object and answers them (None if
        it holds none), for Condition.wait: Java releases and retakes only the level it counts,
        and another thread may take the lock through this object meanwhile."""
        if self._holder != threading.get_ident():
            return None
        levels = self._levels
        self._forget_levels()
        return levels

    def _restore_levels(self, levels):
        """Gives back what _set_levels_aside answered, once Java has retaken the lock."""
        if levels is not None:
            self._holder, self._levels = threading.get_ident(), levels

    def _extra_levels(self):
        """The levels this thread holds on top of the one Java counts for this object."""
        return self._levels - 1 if self._holder == threading.get_ident() else 0

    def _is_mine(self):
        return java.call_as_owner(self._handle, 'is_mine')

    def _count(self):
        return java.call_as_owner(self._handle, 'count') + self._extra_levels()

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
        if not isinstance(self._lock, RLock):
            return java.call_as_owner(self._handle, 'wait', timeout)
        levels = self._lock._set_levels_aside()
        try:
            return java.call_as_owner(self._handle, 'wait', timeout)
        finally:
            self._lock._restore_levels(levels)

    def notify(self, n=1):
        java.call_as_owner(self._handle, 'notify', n)

    def notify_all(self):
        java.call_as_owner(self._handle, 'notify_all')

    def wait_for(self, predicate, timeout=None):
        """Waits until predicate() is true; returns its last value."""
        return wait_for(self, predicate, timeout)

    def __repr__(self):
        waiting = java.call_as_owner(self._handle, 'n_waiting')
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
