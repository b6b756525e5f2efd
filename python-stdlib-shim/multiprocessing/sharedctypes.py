"""Value, Array, RawValue and RawArray: C values and arrays in memory every process maps.

The memory is a Java-mapped shared file (org.graalmp.memory) that the root process owns; the
objects are graalmp's look-alikes of ctypes instances (_graalmp.ctypes_memory). Value and
Array wrap one in a Synchronized object holding a lock (a new RLock unless given one).
They reach a child only as arguments of a Process being started, as in CPython.
"""

from _graalmp import ctypes_memory as _memory

from . import context

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']


def RawValue(typecode_or_type, *args):
    """A C value in shared memory, without a lock."""
    cls = _memory.element_type(typecode_or_type)
    if len(args) > 1:
        raise TypeError(f'__init__ expected at most 1 argument, got {len(args)}')
    stored = [cls._store(args[0])] if args else None
    obj = _memory.allocate(cls)
    if stored:
        obj._view.setEach(0, 1, stored)
    return obj


def RawArray(typecode_or_type, size_or_initializer):
    """A C array in shared memory, without a lock: of a length, or holding an initializer's items."""
    element = _memory.element_type(typecode_or_type)
    if isinstance(size_or_initializer, int):
        if size_or_initializer < 0:
            raise ValueError(f'Array length must be >= 0, not {size_or_initializer}')
        return _memory.allocate(_memory.array_type(element, size_or_initializer))
    initializer = size_or_initializer
    length = len(initializer)  # first: CPython's error for what is neither a size nor a sequence
    stored = [element._store(item) for item in initializer]
    obj = _memory.allocate(_memory.array_type(element, length))
    if stored:
        obj._view.setEach(0, 1, stored)
    return obj


def Value(typecode_or_type, *args, lock=True, ctx=None):
    """A C value in shared memory, guarded by `lock` (a new RLock when True; none when False)."""
    return _guarded(RawValue(typecode_or_type, *args), lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    """A C array in shared memory, guarded by `lock` (a new RLock when True; none when False)."""
    return _guarded(RawArray(typecode_or_type, size_or_initializer), lock, ctx)


def _guarded(obj, lock, ctx):
    if lock is False:
        return obj
    if lock in (True, None):
        lock = _context(ctx).RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return synchronized(obj, lock, ctx)


def copy(obj):
    """A new raw shared object holding a copy of `obj`'s value."""
    if not isinstance(obj, (_memory.SharedSimple, _memory.SharedArray)):
        raise TypeError('this type has no size')
    return _memory.copy(obj)


def synchronized(obj, lock=None, ctx=None):
    """Wraps a raw shared object with a lock (a new RLock by default)."""
    if isinstance(obj, SynchronizedBase):
        raise TypeError('object already synchronized')
    if isinstance(obj, _memory.CharArray):
        return SynchronizedString(obj, lock, ctx)
    if isinstance(obj, _memory.SharedArray):
        return SynchronizedArray(obj, lock, ctx)
    if isinstance(obj, _memory.SharedSimple):
        return Synchronized(obj, lock, ctx)
    raise TypeError(f'graalmp cannot synchronize {type(obj).__name__} objects')


def _context(ctx):
    return ctx or context._default_context.get_context()


def _locked_property(name):
    """A property that reads and writes the wrapped object's `name` under the lock."""
    def get(self):
        with self._lock:
            return getattr(self._obj, name)

    def set(self, value):
        with self._lock:
            setattr(self._obj, name, value)
    return property(get, set)


class SynchronizedBase(object):
    """A raw shared object with the lock that guards it."""

    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        self._lock = lock or _context(ctx).RLock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __reduce__(self):
        context.assert_spawning(self)
        return synchronized, (self._obj, self._lock)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


class Synchronized(SynchronizedBase):
    value = _locked_property('value')


class SynchronizedArray(SynchronizedBase):

    def __len__(self):
        return len(self._obj)

    def __getitem__(self, key):
        with self._lock:
            return self._obj[key]

    def __setitem__(self, key, value):
        with self._lock:
            self._obj[key] = value


class SynchronizedString(SynchronizedArray):
    value = _locked_property('value')
    raw = _locked_property('raw')
