"""Process pools: not implemented in graalmp yet (issue #4)."""

from _graalmp.pending import missing

__all__ = ['Pool', 'ThreadPool']

Pool = missing('multiprocessing.pool.Pool', 4)
ThreadPool = missing('multiprocessing.pool.ThreadPool', 4)
