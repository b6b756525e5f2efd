"""Queues between processes: not implemented in graalmp yet (issue #3)."""

from _graalmp.pending import missing

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

Queue = missing('multiprocessing.queues.Queue', 3)
SimpleQueue = missing('multiprocessing.queues.SimpleQueue', 3)
JoinableQueue = missing('multiprocessing.queues.JoinableQueue', 3)
