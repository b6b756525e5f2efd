"""Look-alikes of ctypes instances whose memory is a shared block mapped by Java.

GraalPy cannot lay native ctypes objects over a shared file, so multiprocessing's shared
values are these: each holds an org.graalmp.memory.MemoryBlock and an ElementView on it,
reads and writes cost one Java call, values are stored as CPython stores them (native byte
order, C sizes, C truncation of integers). The classes carry ctypes' names and reprs
(c_int(7), <multiprocessing.sharedctypes.c_int_Array_3 object at ...>).
"""

import operator
import struct

from . import java

_HALF = 1 << 63
_MASK64 = (1 << 64) - 1
_BYTES = [bytes((i,)) for i in range(256)]


def _integer(value):
    """A C integer's value as Java receives it: low 64 bits, signed; the view keeps the low bits."""
    if type(value) is not int:
        value = operator.index(value)
    if -_HALF <= value < _HALF:
        return value
    return ((value + _HALF) & _MASK64) - _HALF


def _real(value):
    if type(value) is float:
        return value
    kind = type(value)
    if isinstance(value, int) or hasattr(kind, '__float__') or hasattr(kind, '__index__'):
        return float(value)
    raise TypeError(f'must be real number, not {kind.__name__}')


def _char(value):
    if isinstance(value, (bytes, bytearray)) and len(value) == 1:
        return value[0]
    if isinstance(value, int) and 0 <= value < 256:
        return value
    raise TypeError('one character bytes, bytearray or integer expected')


def _wchar(value):
    if not isinstance(value, str):
        raise TypeError(f'unicode string expected instead of {type(value).__name__} instance')
    if len(value) != 1:
        raise TypeError('one character unicode string expected')
    return ord(value)


def _unsigned64(value):
    return value & _MASK64


class SharedSimple(object):
    """One C value in a shared block (the ctypes _SimpleCData look-alike)."""
    __slots__ = ('_block', '_view')
    _storage = 'i'  # struct format the block holds

    def __init__(self, block):
        self._block = block
        self._view = block.view(self._storage)

    @property
    def value(self):
        return self._load(self._view.get(0))

    @value.setter
    def value(self, value):
        self._view.set(0, self._store(value))

    _load = staticmethod(lambda value: value)
    _store = staticmethod(_integer)

    def __repr__(self):
        return f'{type(self).__name__}({self.value!r})'

    def __reduce__(self):
        return _reduce(self, (self._type_,))


def _simple(name, typecode, storage, store, load=None):
    namespace = {'__slots__': (), '__module__': 'ctypes', '__qualname__': name, '_type_': typecode,
                 '_storage': storage, '_store': staticmethod(store), '_size': struct.calcsize(storage)}
    if load is not None:
        namespace['_load'] = staticmethod(load)
    return type(name, (SharedSimple,), namespace)


# c_wchar is wchar_t: 4 bytes on the Unix systems graalmp runs on.
_SIMPLE = [
    _simple('c_char', 'c', 'B', _char, _BYTES.__getitem__),
    _simple('c_wchar', 'u', 'I', _wchar, chr),
    _simple('c_byte', 'b', 'b', _integer), _simple('c_ubyte', 'B', 'B', _integer),
    _simple('c_short', 'h', 'h', _integer), _simple('c_ushort', 'H', 'H', _integer),
    _simple('c_int', 'i', 'i', _integer), _simple('c_uint', 'I', 'I', _integer),
    _simple('c_long', 'l', 'l', _integer), _simple('c_ulong', 'L', 'L', _integer, _unsigned64),
    _simple('c_float', 'f', 'f', _real), _simple('c_double', 'd', 'd', _real),
    _simple('c_bool', '?', '?', bool),
]
# The typecodes multiprocessing accepts: the array module's ('?' is not one of them). As in
# ctypes where long long is as wide as long, 'q' and 'Q' are c_long and c_ulong.
TYPECODES = {cls._type_: cls for cls in _SIMPLE if cls._type_ != '?'}
TYPECODES.update(q=TYPECODES['l'], Q=TYPECODES['L'])
_BY_NAME = {cls.__name__: cls for cls in _SIMPLE}
_BY_TYPE_CODE = {cls._type_: cls for cls in _SIMPLE}
_from_ctypes = None


def element_type(typecode_or_type):
    """The look-alike class for a typecode or a ctypes type; CPython's TypeError for others."""
    global _from_ctypes
    if isinstance(typecode_or_type, str):
        found = TYPECODES.get(typecode_or_type)
    elif isinstance(typecode_or_type, type):
        if _from_ctypes is None:
            import ctypes  # only for programs that name ctypes types themselves
            _from_ctypes = {getattr(ctypes, name): cls for name, cls in _BY_NAME.items()}
        found = _from_ctypes.get(typecode_or_type)
        if found is None and typecode_or_type.__module__ in ('ctypes', '_ctypes'):
            raise NotImplementedError(
                f'graalmp shares only simple ctypes types, not {typecode_or_type.__name__}')
    else:
        found = None
    if found is None:
        raise TypeError('this type has no size')
    return found


class SharedArray(object):
    """A fixed-length C array in a shared block (the ctypes Array look-alike)."""
    __slots__ = ('_block', '_view')
    _type_ = None
    _length_ = 0

    def __init__(self, block):
        self._block = block
        self._view = block.view(self._type_._storage)

    def __len__(self):
        return self._length_

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._slice(range(*key.indices(self._length_)))
        return self._type_._load(self._view.get(self._index(key, 'indices must be integers')))

    def __setitem__(self, key, value):
        if isinstance(key, slice):
            self._assign(range(*key.indices(self._length_)), value)
        else:
            self._view.set(self._index(key, 'indices must be integer'), self._type_._store(value))

    def _index(self, key, message):
        try:
            index = operator.index(key)
        except TypeError:
            raise TypeError(message) from None
        if index < 0:
            index += self._length_
        if not 0 <= index < self._length_:
            raise IndexError('invalid index')
        return index

    def _slice(self, indices):
        if not indices:
            return self._joined([])
        low, high = min(indices[0], indices[-1]), max(indices[0], indices[-1]) + 1
        size = self._type_._size
        data = java.to_bytes(self._block.read(low * size, (high - low) * size))
        values = memoryview(data).cast(self._type_._storage).tolist()
        if indices.step != 1:
            values = values[indices.start - low::indices.step]
        return self._joined(values)

    _joined = staticmethod(list)

    def _assign(self, indices, values):
        try:
            count = len(values)
        except TypeError:
            count = -1
        if count != len(indices):
            raise ValueError('Can only assign sequence of same size')
        if count:
            store = self._type_._store
            self._view.setEach(indices.start, indices.step, [store(values[k]) for k in range(count)])

    def _fill(self, values):
        """Stores an initializer's items (converted first, so a bad item changes nothing)."""
        self._assign(range(self._length_), values)

    def __reduce__(self):
        return _reduce(self, (self._type_._type_, self._length_), self._unpicklable_class)

    @classmethod
    def _unpicklable_class(cls):
        # CPython's array classes are made on the fly: plain pickle cannot find them by name.
        import pickle
        return pickle.PicklingError(f"Can't pickle {cls!r}: attribute lookup {cls.__qualname__}"
                                    f" on {cls.__module__} failed")


class CharArray(SharedArray):
    """An array of c_char: slices are bytes; .value (up to the first NUL) and .raw."""
    __slots__ = ()
    _joined = staticmethod(bytes)

    @property
    def raw(self):
        return java.to_bytes(self._block.read(0, self._length_))

    @raw.setter
    def raw(self, value):
        try:
            data = bytes(memoryview(value))
        except TypeError:
            raise TypeError(f"a bytes-like object is required, not '{type(value).__name__}'") from None
        if len(data) > self._length_:
            raise ValueError('byte string too long')
        self._block.write(0, data)

    @property
    def value(self):
        return self.raw.split(b'\0', 1)[0]

    @value.setter
    def value(self, value):
        if not isinstance(value, bytes):
            raise TypeError(f'bytes expected instead of {type(value).__name__} instance')
        if len(value) > self._length_:
            raise ValueError('byte string too long')
        self._block.write(0, value + b'\0' if len(value) < self._length_ else value)


class WcharArray(SharedArray):
    """An array of c_wchar: slices are str; .value is the text up to the first NUL."""
    __slots__ = ()
    _joined = staticmethod(lambda codes: ''.join(map(chr, codes)))

    @property
    def value(self):
        return self[:].split('\0', 1)[0]

    @value.setter
    def value(self, value):
        if not isinstance(value, str):
            raise TypeError(f'unicode string expected instead of {type(value).__name__} instance')
        if len(value) > self._length_:
            raise ValueError('string too long')
        text = value + '\0' if len(value) < self._length_ else value
        self[:len(text)] = text


_ARRAY_TYPES = {}


def array_type(element, length):
    """The array class of `length` elements (c_int_Array_3), one per element type and length."""
    key = (element, length)
    found = _ARRAY_TYPES.get(key)
    if found is None:
        base = {'c_char': CharArray, 'c_wchar': WcharArray}.get(element.__name__, SharedArray)
        name = f'{element.__name__}_Array_{length}'
        found = type(name, (base,), {'__slots__': (), '__module__': 'multiprocessing.sharedctypes',
                                     '__qualname__': name, '_type_': element, '_length_': length})
        _ARRAY_TYPES[key] = found
    return found


def allocate(cls):
    """A zero-filled instance of a SharedSimple or SharedArray class in a new block."""
    size = cls._size if issubclass(cls, SharedSimple) else cls._type_._size * cls._length_
    return cls(java.memory.create(size))


def copy(obj):
    """A new block holding a copy of obj's memory, of the same type."""
    duplicate = allocate(type(obj))
    obj._block.copyTo(duplicate._block)
    return duplicate


def _reduce(obj, shape, refusal=lambda: TypeError("cannot pickle 'mmap.mmap' object")):
    from multiprocessing import context
    if context.get_spawning_popen() is None:  # CPython's shared ctypes pickle only to a child
        raise refusal()
    return _rebuild, shape + (obj._block.path(),)


def _rebuild(typecode, *rest):
    """Maps the block in the process unpickling it."""
    *length, path = rest
    cls = _BY_TYPE_CODE[typecode]
    if length:
        cls = array_type(cls, length[0])
    return cls(java.memory.attach(path))
