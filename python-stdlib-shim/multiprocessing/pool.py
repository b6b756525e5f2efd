"""Process pools and thread pools.

The scheduling lives in Java (org.graalmp.pool.PoolScheduler, in the root process): pending
tasks, which worker holds which task, each job's results. This module feeds it tasks (pickled
once, here, for a process Pool; as ids of Python objects kept here for a ThreadPool), runs the
worker loop in the workers, and turns results back into values, exceptions and callbacks.
"""

__all__ = ['Pool', 'ThreadPool']

import errno
import itertools
import queue
import reprlib
import struct
import sys
import threading
import warnings
import weakref

from _graalmp import java

from . import context
from . import process
from .reduction import ForkingPickler

RUN = 'RUN'
CLOSE = 'CLOSE'
TERMINATE = 'TERMINATE'
INIT = 'INIT'

_FAILED, _SUCCEEDED, _LOST = 0, 1, 2   # the tag byte of a result (org.graalmp.pool.Outcome)
_TIMED_OUT = -1
_TASK_HEADER = struct.Struct('>qq')


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, shown as its __cause__."""

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _rebuild_exc(exc, tb):
    exc.__cause__ = RemoteTraceback(tb)
    return exc


class ExceptionWithTraceback:
    """A worker's exception on its way to the parent, carrying the worker's traceback text."""

    def __init__(self, exc, tb):
        import traceback  # only for a task that failed: importing it takes GraalPy 0.15 s
        text = ''.join(traceback.format_exception(type(exc), exc, tb))
        self.exc = exc
        self.tb = '\n"""\n' + text + '"""'

    def __reduce__(self):
        return _rebuild_exc, (self.exc, self.tb)


class MaybeEncodingError(Exception):
    """A result (or exception) a worker could not pickle, described by reprs."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (type(self).__name__, self)


class _Abridged:
    """Stands for a value too long to send back, by a shortened repr."""

    def __init__(self, value):
        self._repr = reprlib.repr(value)

    def __repr__(self):
        return self._repr


class WorkerLostError(context.ProcessError):
    """A worker process ended while running the task (CPython's pool would wait for ever)."""


class _Scheduler:
    """The Java scheduler of one pool, as any process reaches it; pickles to its id."""

    def __init__(self, handle):
        self._handle = handle

    @classmethod
    def create(cls):
        return cls(java.create('pool'))

    def __getstate__(self):
        return self._handle.id()

    def __setstate__(self, object_id):
        self._handle = java.objects.attach(object_id)

    def __getattr__(self, method):
        if method.startswith('_'):
            raise AttributeError(method)
        handle = self._handle
        return lambda *args: java.call(handle, method, *args)

    def _bytes_call(self, method, *args):
        """A call answered by bytes, None, or _TIMED_OUT."""
        reply = self._handle.call(method, list(args))
        value = java.value(reply) if reply.failed() else reply.value()
        if value is None or isinstance(value, int):
            return value
        return java.to_bytes(reply.bytesValue())

    def next_task(self, worker):
        data = self._bytes_call('next_task', worker)
        if data is None:
            return None
        job, index = _TASK_HEADER.unpack_from(data)
        return job, index, memoryview(data)[_TASK_HEADER.size:]

    def result(self, job, index):
        return self._bytes_call('result', job, index)

    def take(self, job, index, timeout):
        return self._bytes_call('take', job, index, timeout)

    def take_any(self, job, timeout):
        return self._bytes_call('take_any', job, timeout)


class _PickledTasks:
    """How a process Pool's tasks and results travel: pickled."""

    in_threads = False

    def dumps(self, obj):
        return bytes(ForkingPickler.dumps(obj))

    def loads(self, data):
        return ForkingPickler.loads(data)


class _LocalTasks:
    """How a ThreadPool's tasks and results travel: they stay here; Java carries their keys."""

    in_threads = True

    def __init__(self):
        self._objects = {}
        self._keys = itertools.count()

    def dumps(self, obj):
        key = next(self._keys)
        self._objects[key] = obj
        return key.to_bytes(8, 'big')

    def loads(self, data):
        return self._objects.pop(int.from_bytes(data, 'big'))


def worker(scheduler, codec, initializer=None, initargs=(), maxtasks=None,
           wrap_exception=False):
    """A worker's life: the initializer, then tasks until stopped or `maxtasks` are done."""
    if codec.in_threads:
        name = threading.current_thread().name
    else:
        name = process.current_process().name
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        task = scheduler.next_task(name)
        if task is None:
            break
        job, index, payload = task
        try:
            func, args, kwds = codec.loads(payload)
            ok, value = True, func(*args, **kwds)
        except Exception as e:
            ok, value = False, ExceptionWithTraceback(e, e.__traceback__) if wrap_exception else e
        try:
            data = codec.dumps(value)
        except Exception as e:
            ok, data = False, codec.dumps(MaybeEncodingError(e, value))
        try:
            scheduler.task_done(name, job, index, ok, data)
        except OSError as e:
            if e.errno != errno.EMSGSIZE:
                raise
            # Longer than graalmp carries: the task fails as one whose result cannot be pickled.
            data = codec.dumps(MaybeEncodingError(e, _Abridged(value)))
            scheduler.task_done(name, job, index, False, data)
        task = payload = func = args = kwds = value = None
        completed += 1


class _Workers:
    """A pool's workers, replaced as they end while the pool needs them. Holds no Pool reference,
    so that an abandoned Pool can be collected (and its finalizer stops all this)."""

    def __init__(self, pool, size):
        self.state = INIT
        self.scheduler = pool._scheduler
        self.codec = pool._codec
        self.size = size
        self.new_worker = pool._worker_factory()
        self.members = []      # worker processes or threads: Pool._pool
        self.waiters = []      # threads whose end means a worker has ended and been dealt with
        self.lock = threading.RLock()

    def fill(self):
        with self.lock:
            while len(self.members) < self.size:
                self._start_one()

    def _start_one(self):
        w = self.new_worker()
        w.start()
        self.members.append(w)
        if self.codec.in_threads:
            self.waiters.append(w)
        else:
            watcher = threading.Thread(target=self._watch, args=(w,), daemon=True,
                                       name='PoolWorkerWatcher')
            self.waiters.append(watcher)
            watcher.start()

    def _watch(self, w):
        # Blocks in Java until the worker's JVM ends; a task it held fails (Java reports it).
        try:
            w.join()
            if w.exitcode is None:
                return  # not ended: a stand-in for Process (context=) whose join() returns at once
            self.scheduler.worker_gone(w.name, w.pid or 0)
            with self.lock:
                # As in CPython, a closed or terminated pool keeps its list of ended workers.
                if self.state == RUN or (self.state == CLOSE and self.scheduler.pending() > 0):
                    self.members.remove(w)
                    self._start_one()
        finally:
            with self.lock:
                self.waiters.remove(threading.current_thread())

    def join(self):
        while True:
            with self.lock:
                waiters = list(self.waiters)
            if not waiters:
                return
            for waiter in waiters:
                if waiter is not threading.current_thread():
                    waiter.join()
            with self.lock:
                if self.codec.in_threads:
                    self.waiters = [w for w in self.waiters if w.is_alive()]

    def terminate(self):
        with self.lock:
            self.state = TERMINATE
            members = list(self.members)
        self.scheduler.stop()
        if not self.codec.in_threads:
            for w in members:
                if w.exitcode is None:
                    w.terminate()
        self.join()
        if not self.codec.in_threads:
            for w in members:
                if w.is_alive():  # its watcher gave up on it (see _watch)
                    w.join()


def _feed(tasks, scheduler, codec, workers):
    """The feeder thread: imap's iterables are consumed here, lazily, as in CPython."""
    while (item := tasks.get()) is not None:
        job, generator = item
        index = -1
        try:
            for index, task in enumerate(generator):
                if workers.state == TERMINATE:
                    return
                _submit(scheduler, codec, job, index, [task])
        except Exception as e:
            index += 1
            _fail_chunk(scheduler, codec, job, index, e)
        scheduler.set_length(job, index + 1)
    if workers.state != TERMINATE:
        scheduler.close()


def _submit(scheduler, codec, job, first, tasks):
    """Hands tasks to Java; one that cannot be pickled fails its chunk instead, as in CPython."""
    run_start, payloads = first, []
    for index, task in enumerate(tasks, first):
        try:
            payloads.append(codec.dumps(task))
        except Exception as e:
            if payloads:
                scheduler.submit(job, run_start, *payloads)
            _fail_chunk(scheduler, codec, job, index, e)
            run_start, payloads = index + 1, []
    if payloads:
        scheduler.submit(job, run_start, *payloads)


def _fail_chunk(scheduler, codec, job, index, error):
    scheduler.task_done(None, job, index, False, codec.dumps(error))


def _handle_events(scheduler, callbacks):
    """The result-handler thread: runs callbacks in this process, as CPython does."""
    while (event := scheduler.next_event()) is not None:
        job = int(event.split()[1])
        result = callbacks.pop(job, None)
        try:
            if result is not None:
                result._run_callbacks()
        except Exception:
            sys.excepthook(*sys.exc_info())
        finally:
            scheduler.ack(job)


class Pool(object):
    """A pool of worker processes that run tasks submitted to it."""

    _wrap_exception = True

    @staticmethod
    def Process(ctx, *args, **kwds):
        return ctx.Process(*args, **kwds)

    def __init__(self, processes=None, initializer=None, initargs=(),
                 maxtasksperchild=None, context=None):
        self._pool = []
        self._state = INIT
        self._ctx = context or _default_context()
        if processes is None:
            processes = self._ctx.cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasksperchild = maxtasksperchild
        self._scheduler = _Scheduler.create()
        self._codec = self._make_codec()
        self._callbacks = {}
        self._tasks = queue.SimpleQueue()
        self._workers = _Workers(self, processes)
        self._pool = self._workers.members
        self._workers.state = RUN
        try:
            self._workers.fill()
        except BaseException:
            self._workers.terminate()
            raise
        self._feeder = threading.Thread(
            target=_feed, args=(self._tasks, self._scheduler, self._codec, self._workers),
            daemon=True, name='PoolTaskFeeder')
        self._handler = threading.Thread(
            target=_handle_events, args=(self._scheduler, self._callbacks),
            daemon=True, name='PoolResultHandler')
        self._feeder.start()
        self._handler.start()
        self._state = RUN
        self._terminate = weakref.finalize(
            self, _terminate_pool, self._workers, self._tasks, self._feeder, self._handler)

    def _make_codec(self):
        return _PickledTasks()

    def _worker_factory(self):
        """Makes worker processes; refers to the pool's settings, not to the pool."""
        ctx, make = self._ctx, self.Process
        args = (self._scheduler, self._codec, self._initializer, self._initargs,
                self._maxtasksperchild, self._wrap_exception)

        def new_worker():
            w = make(ctx, target=worker, args=args)
            w.name = w.name.replace('Process', 'PoolWorker')
            w.daemon = True
            w._jvm_role = 'pool_worker'
            return w
        return new_worker

    def __reduce__(self):
        raise NotImplementedError(
            'pool objects cannot be passed between processes or pickled')

    def __repr__(self):
        cls = type(self)
        return (f'<{cls.__module__}.{cls.__qualname__} '
                f'state={self._state} pool_size={len(self._pool)}>')

    def __del__(self, _warn=warnings.warn, RUN=RUN):
        if getattr(self, '_state', None) == RUN:
            _warn(f"unclosed running multiprocessing pool {self!r}", ResourceWarning, source=self)

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _repopulate_pool(self):
        """Brings the number of workers up to the pool's size (ended workers are replaced as
        they end anyway; kept for code written against CPython's Pool)."""
        self._workers.fill()

    def apply(self, func, args=(), kwds={}):
        """Calls func(*args, **kwds) in a worker and returns its result."""
        return self.apply_async(func, args, kwds).get()

    def map(self, func, iterable, chunksize=None):
        """Like the builtin map(), in chunks run by the workers; returns a list."""
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        """Like map(), with each item unpacked as func's arguments."""
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        """Runs func(*args, **kwds) in a worker; returns an AsyncResult."""
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        _submit(self._scheduler, self._codec, result._job, 0, [(func, args, kwds)])
        return result

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None,
                   error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(iterable), callback, error_callback)
        if chunksize:
            chunks = _chunks(func, iterable, chunksize)
            _submit(self._scheduler, self._codec, result._job, 0,
                    [(mapper, (chunk,), {}) for chunk in chunks])
        return result

    def imap(self, func, iterable, chunksize=1):
        """Like map(), lazily: an iterator over the results in order."""
        return self._imap(IMapIterator, func, iterable, chunksize, '{0:n}')

    def imap_unordered(self, func, iterable, chunksize=1):
        """Like imap(), with results in the order they complete."""
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize, '{0!r}')

    def _imap(self, iterator, func, iterable, chunksize, shown):
        self._check_running()
        if chunksize == 1:
            result = iterator(self)
            self._tasks.put((result._job, ((func, (x,), {}) for x in iterable)))
            return result
        if chunksize < 1:
            raise ValueError(("Chunksize must be 1+, not " + shown).format(chunksize))
        result = iterator(self)
        chunks = _chunks(func, iterable, chunksize)
        self._tasks.put((result._job, ((mapstar, (chunk,), {}) for chunk in chunks)))
        return (item for chunk in result for item in chunk)

    def close(self):
        """No more tasks: the workers end once the submitted ones are done."""
        if self._state == RUN:
            self._state = CLOSE
            self._workers.state = CLOSE
            self._tasks.put(None)

    def terminate(self):
        """Stops the workers at once; outstanding tasks are not completed."""
        self._state = TERMINATE
        self._terminate()

    def join(self):
        """Waits for the workers to end; the pool must be closed or terminated first."""
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._feeder.join()
        self._workers.join()
        self._scheduler.finish_events()
        self._handler.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


def _terminate_pool(workers, tasks, feeder, handler):
    workers.terminate()
    tasks.put(None)
    if handler is not threading.current_thread():
        handler.join()


def _default_context():
    from . import context as ctx
    return ctx._default_context.get_context()


def _chunks(func, iterable, size):
    it = iter(iterable)
    while chunk := tuple(itertools.islice(it, size)):
        yield func, chunk


class ApplyResult(object):
    """The pending result of apply_async(): ready(), successful(), wait(), get()."""

    def __init__(self, pool, callback, error_callback, length=1):
        self._pool = pool
        self._scheduler = pool._scheduler
        self._codec = pool._codec
        self._callback = callback
        self._error_callback = error_callback
        self._length = length
        self._has_callbacks = callback is not None or error_callback is not None
        self._lock = threading.Lock()
        self._outcome = None
        self._job = self._scheduler.new_job(length, self._has_callbacks and length > 0)
        if self._has_callbacks and length > 0:
            pool._callbacks[self._job] = self

    def ready(self):
        return self._outcome is not None or self._scheduler.wait(self._job, 0)

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._fetch()[0]

    def wait(self, timeout=None):
        if self._outcome is None:
            self._scheduler.wait(self._job, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise context.TimeoutError
        ok, value = self._fetch()
        if ok:
            return value
        raise value

    def _fetch(self):
        with self._lock:
            if self._outcome is None:
                self._outcome = self._collect()
                if not self._has_callbacks:
                    self._scheduler.forget(self._job)
                self._pool = None
        return self._outcome

    def _collect(self):
        return _decode(self._codec, self._job, 0, self._scheduler.result(self._job, 0))

    def _run_callbacks(self):
        ok, value = self._fetch()
        if ok and self._callback is not None:
            self._callback(value)
        elif not ok and self._error_callback is not None:
            self._error_callback(value)


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    """The pending result of map_async(): the chunks' results joined in order."""

    def __init__(self, pool, chunksize, length, callback, error_callback):
        chunks = 0 if chunksize == 0 else -(-length // chunksize)
        super().__init__(pool, callback, error_callback, chunks)

    def _collect(self):
        values, failure = [], None
        for index in range(self._length):
            ok, value = _decode(self._codec, self._job, index,
                                self._scheduler.result(self._job, index))
            if not ok and failure is None:
                failure = (False, value)
            elif ok and failure is None:
                values.extend(value)
        return failure or (True, values)


class IMapIterator(object):
    """The results of imap(), in order; next(timeout) raises TimeoutError when none comes."""

    _take = 'take'

    def __init__(self, pool):
        self._pool = pool
        self._scheduler = pool._scheduler
        self._codec = pool._codec
        self._job = self._scheduler.new_job(-1, False)
        self._index = 0
        self._lock = threading.Lock()

    def __iter__(self):
        return self

    def _next_outcome(self, timeout):
        return self._scheduler.take(self._job, self._index, timeout)

    def next(self, timeout=None):
        with self._lock:
            data = self._next_outcome(timeout)
            if data is None:
                self._pool = None
                raise StopIteration from None
            if data == _TIMED_OUT:
                raise context.TimeoutError from None
            ok, value = _decode(self._codec, self._job, self._index, data)
            self._index += 1
        if ok:
            return value
        raise value

    __next__ = next


class IMapUnorderedIterator(IMapIterator):
    """The results of imap_unordered(), as they complete."""

    def _next_outcome(self, timeout):
        return self._scheduler.take_any(self._job, timeout)


def _decode(codec, job, index, data):
    """(ok, value) from a tagged result; a lost task becomes a WorkerLostError."""
    tag = data[0]
    if tag == _LOST:
        return False, WorkerLostError(bytes(data[1:]).decode('utf-8'))
    return tag == _SUCCEEDED, codec.loads(memoryview(data)[1:])


class ThreadPool(Pool):
    """A Pool whose workers are threads of this process: nothing is pickled."""

    _wrap_exception = False

    def __init__(self, processes=None, initializer=None, initargs=()):
        Pool.__init__(self, processes, initializer, initargs)

    def _make_codec(self):
        return _LocalTasks()

    def _worker_factory(self):
        args = (self._scheduler, self._codec, self._initializer, self._initargs, None, False)
        return lambda: threading.Thread(target=worker, args=args, daemon=True)
