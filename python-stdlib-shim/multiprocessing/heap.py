"""CPython's heap of shared-memory arenas, behind its sharedctypes and BufferWrapper.

graalmp's shared memory is a file per Value or Array, mapped by Java (org.graalmp.memory), and
GraalPy cannot lay a native memoryview over it; so this module exists for the programs and
tests that import it, and refuses use in CPython's words for a missing feature.
"""

__all__ = ['BufferWrapper']


class _Unsupported(object):

    def __init__(self, *args, **kwargs):
        raise NotImplementedError(
            'multiprocessing.heap.%s is not available on graalmp: use Value, Array, '
            'RawValue or RawArray for shared memory' % type(self).__name__)


class Arena(_Unsupported):
    """A region of shared memory (not available)."""


class Heap(_Unsupported):
    """CPython's allocator of blocks in arenas (not available)."""


class BufferWrapper(_Unsupported):
    """A block of shared memory seen as a memoryview (not available)."""
