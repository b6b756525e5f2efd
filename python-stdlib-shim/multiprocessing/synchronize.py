"""Locks, semaphores, events, conditions and barriers between processes: not implemented in graalmp yet (issue #3)."""

from _graalmp.pending import missing

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier']

Lock = missing('multiprocessing.synchronize.Lock', 3)
RLock = missing('multiprocessing.synchronize.RLock', 3)
Semaphore = missing('multiprocessing.synchronize.Semaphore', 3)
BoundedSemaphore = missing('multiprocessing.synchronize.BoundedSemaphore', 3)
Condition = missing('multiprocessing.synchronize.Condition', 3)
Event = missing('multiprocessing.synchronize.Event', 3)
Barrier = missing('multiprocessing.synchronize.Barrier', 3)
