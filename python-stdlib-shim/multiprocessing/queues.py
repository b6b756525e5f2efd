"""Queues between processes: the items live in a Java queue in the root process.

A child's put on an unbounded Queue does not wait for the root (see org.graalmp.queue.QueueHandle).
"""

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

import os
import threading

from _graalmp import java

from . import context
from .reduction import ForkingPickler, _dumps


_loads = ForkingPickler.loads


class Queue(object):
    """A FIFO of pickled objects shared by processes, optionally bounded by `maxsize`."""

    _joinable = False

    def __init__(self, maxsize=0, *, ctx):
        if maxsize <= 0:
            maxsize = 0
        self._maxsize = maxsize
        self._handle = java.queues.create(maxsize, self._joinable)
        self._closed = False

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._maxsize, self._handle.id())

    def __setstate__(self, state):
        self._maxsize, object_id = state
        self._handle = java.queues.attach(object_id, self._maxsize, self._joinable)
        self._closed = False

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")

    def put(self, obj, block=True, timeout=None):
        """Puts `obj`; raises queue.Full when no room frees up in time."""
        if self._closed:
            self._check_closed()
        # Pickled now, in the caller: later changes to obj do not show, errors raise here
        # (CPython pickles in a feeder thread and only prints them; see _on_queue_feeder_error).
        try:
            data = _dumps(obj)
        except Exception as e:
            if type(self)._on_queue_feeder_error is Queue._on_queue_feeder_error:
                raise
            self._on_queue_feeder_error(e, obj)
            return
        failure = self._handle.put(data, block is True or bool(block), timeout)
        if failure is not None:
            java.raise_failure(failure)

    def get(self, block=True, timeout=None):
        """Removes and returns an item; raises queue.Empty when none comes in time."""
        if self._closed:
            self._check_closed()
        item = self._handle.get(block is True or bool(block), timeout)
        if type(item) is not str:
            java.raise_failure(item)
        return _loads(item.encode('latin-1'))

    def qsize(self):
        return java.call(self._handle, 'qsize')

    def empty(self):
        return java.call(self._handle, 'empty')

    def full(self):
        return java.call(self._handle, 'full')

    def get_nowait(self):
        return self.get(False)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def close(self):
        """This process will put no more; items already put stay in the queue."""
        self._closed = True

    def join_thread(self):
        assert self._closed, "Queue {0!r} not closed".format(self)

    def cancel_join_thread(self):
        """Nothing to cancel: put() has written its item out when it returns."""

    def _terminate_broken(self):
        """The owner gave up on this queue (concurrent.futures after a worker died)."""
        self.close()

    @staticmethod
    def _on_queue_feeder_error(e, obj):
        """Called instead of raising when `obj` cannot be pickled, if a subclass overrides it.

        concurrent.futures.ProcessPoolExecutor's call queue does, to fail the one future
        whose call cannot be sent.
        """
        import traceback
        traceback.print_exc()


class JoinableQueue(Queue):
    """A Queue whose consumers report each item done, so that join() can wait for all."""

    _joinable = True

    def task_done(self):
        java.call(self._handle, 'task_done')

    def join(self):
        java.call(self._handle, 'join')


class SimpleQueue(object):
    """An unbounded queue with only put, get, empty and close: a one-way Pipe, as in CPython.

    concurrent.futures waits on `_reader` with connection.wait(), so the reader is a
    Connection. Java pipes hand each message whole to one reader, so no locks are needed.
    """

    def __init__(self, *, ctx):
        from .connection import Pipe
        self._reader, self._writer = Pipe(duplex=False)

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._reader, self._writer)

    def __setstate__(self, state):
        self._reader, self._writer = state

    def close(self):
        self._reader.close()
        self._writer.close()

    def empty(self):
        return not self._reader.poll()

    def get(self):
        return self._reader.recv()

    def put(self, obj):
        self._writer.send(obj)
