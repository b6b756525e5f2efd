"""Pickling for objects sent to other processes: a Pickler with a per-type reducer table."""

import _pickle  # what pickle re-exports; pickle.py (with re and enum) takes GraalPy 0.1 s
import _thread
import copyreg
import io
import sys
import types

__all__ = ['ForkingPickler', 'register', 'dump', 'DupFd', 'sendfds', 'recvfds']

HAVE_SEND_HANDLE = False


class ForkingPickler(_pickle.Pickler):
    """A Pickler that also knows the reducers registered with register()."""
    _extra_reducers = {}
    _copyreg_dispatch_table = copyreg.dispatch_table

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dispatch_table = self._copyreg_dispatch_table.copy()
        self.dispatch_table.update(self._extra_reducers)

    @classmethod
    def register(cls, type, reduce):
        """Registers `reduce` as the reducer for objects of `type`."""
        cls._extra_reducers[type] = reduce

    @classmethod
    def dumps(cls, obj, protocol=None):
        if cls is ForkingPickler and _is_plain(obj):
            return memoryview(_pickle.dumps(obj, protocol))
        buf = io.BytesIO()
        cls(buf, protocol).dump(obj)
        return buf.getbuffer()

    loads = _pickle.loads

    def reducer_override(self, obj):
        if isinstance(obj, types.FunctionType):
            _check_importable(obj)
        return NotImplemented


def _check_importable(func):
    """Functions pickle by reference: fail as CPython's pickle does when the name cannot be found."""
    qualname = func.__qualname__
    if '<locals>' in qualname:
        raise AttributeError(f"Can't pickle local object {qualname!r}")
    module_name = getattr(func, '__module__', None) or '__main__'
    found = sys.modules.get(module_name)
    for part in qualname.split('.'):
        found = getattr(found, part, None)
    if found is None:
        raise _pickle.PicklingError(
            f"Can't pickle {func!r}: attribute lookup {qualname} on {module_name} failed")
    if found is not func:
        raise _pickle.PicklingError(
            f"Can't pickle {func!r}: it's not the same object as {module_name}.{qualname}")


register = ForkingPickler.register


def _refuse(type_name):
    def refuse(obj):
        raise TypeError(f"cannot pickle {type_name!r} object")
    return refuse


# GraalPy's lock type is named '_thread.LockType'; refuse it in CPython's words.
register(type(_thread.allocate_lock()), _refuse('_thread.lock'))


# --- the fast path ---------------------------------------------------------------------------
# The pickler saves these exact types itself, before it consults a dispatch table or
# reducer_override: an object made only of them pickles the same with _pickle.dumps, which
# saves building a Pickler, its BytesIO and its table per message (GraalPy runs that code
# interpreted, and it costs more than the pickling).

_ATOMS = frozenset({type(None), bool, int, float, str, bytes})


def _is_plain(obj):
    """Whether `obj` is an atom, or a tuple or list of atoms."""
    kind = type(obj)
    if kind in _ATOMS:
        return True
    if kind is tuple or kind is list:
        for item in obj:
            if type(item) not in _ATOMS:
                return False
        return True
    return False


def _dumps(obj):
    """ForkingPickler.dumps(obj) as bytes: what Queue and Connection send."""
    if _is_plain(obj):
        return _pickle.dumps(obj)
    buf = io.BytesIO()
    ForkingPickler(buf).dump(obj)
    return buf.getvalue()


def dump(obj, file, protocol=None):
    """Pickles `obj` to `file` with ForkingPickler."""
    ForkingPickler(file, protocol).dump(obj)


def _unsupported(name):
    def refuse(*args, **kwargs):
        raise OSError(f'{name}: a JVM cannot pass file descriptors between processes')
    return refuse


DupFd = _unsupported('DupFd')
sendfds = _unsupported('sendfds')
recvfds = _unsupported('recvfds')


# Bound and unbound methods pickle by their owner and name, as in CPython.
def _reduce_method(m):
    if m.__self__ is None:
        return getattr, (m.__class__, m.__func__.__name__)
    return getattr, (m.__self__, m.__func__.__name__)


class _C:
    def f(self):
        pass


register(type(_C().f), _reduce_method)


def _reduce_method_descriptor(m):
    return getattr, (m.__objclass__, m.__name__)


register(type(list.append), _reduce_method_descriptor)
register(type(int.__add__), _reduce_method_descriptor)


def _reduce_partial(p):
    return _rebuild_partial, (p.func, p.args, p.keywords or {})


def _rebuild_partial(func, args, keywords):
    return functools.partial(func, *args, **keywords)


import functools
register(functools.partial, _reduce_partial)
