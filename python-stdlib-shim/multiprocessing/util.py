"""Helpers shared by the package: logging, finalizers, and what runs at process exit."""

import atexit
import itertools
import os
import sys
import threading
import weakref

from . import process

__all__ = [
    'sub_debug', 'debug', 'info', 'sub_warning', 'get_logger',
    'log_to_stderr', 'get_temp_dir', 'register_after_fork',
    'is_exiting', 'Finalize', 'ForkAwareThreadLock', 'ForkAwareLocal',
    'close_all_fds_except', 'SUBDEBUG', 'SUBWARNING',
]

#
# Logging
#

NOTSET = 0
SUBDEBUG = 5
DEBUG = 10
INFO = 20
SUBWARNING = 25

LOGGER_NAME = 'multiprocessing'
DEFAULT_LOGGING_FORMAT = '[%(levelname)s/%(processName)s] %(message)s'

_logger = None
_log_to_stderr = False

# Linux's abstract socket namespace ('\0name'): Java's Unix-domain sockets have no way to it.
abstract_sockets_supported = False


def sub_debug(msg, *args):
    if _logger:
        _logger.log(SUBDEBUG, msg, *args)


def debug(msg, *args):
    if _logger:
        _logger.log(DEBUG, msg, *args)


def info(msg, *args):
    if _logger:
        _logger.log(INFO, msg, *args)


def sub_warning(msg, *args):
    if _logger:
        _logger.log(SUBWARNING, msg, *args)


def get_logger():
    """Returns the 'multiprocessing' logger, creating it on first use."""
    global _logger
    import logging

    with logging._lock:
        if not _logger:
            _logger = logging.getLogger(LOGGER_NAME)
            _logger.propagate = 0
            # Run before logging's own shutdown, so exit messages are still emitted.
            if hasattr(atexit, 'unregister'):
                atexit.unregister(_exit_function)
                atexit.register(_exit_function)
            else:
                atexit._exithandlers.remove((_exit_function, (), {}))
                atexit._exithandlers.append((_exit_function, (), {}))
    return _logger


def log_to_stderr(level=None):
    """Sends the package logger's records to stderr; returns the logger."""
    global _log_to_stderr
    import logging

    logger = get_logger()
    formatter = logging.Formatter(DEFAULT_LOGGING_FORMAT)
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    if level:
        logger.setLevel(level)
    _log_to_stderr = True
    return _logger


#
# A private temporary folder per process, removed at exit
#

def get_temp_dir():
    tempdir = process.current_process()._config.get('tempdir')
    if tempdir is None:
        import shutil
        import tempfile
        tempdir = tempfile.mkdtemp(prefix='pymp-')
        # GraalPy's os.mkdir ignores its mode: make the folder owner-only (0700) as CPython's is,
        # before any socket is bound in it.
        os.chmod(tempdir, 0o700)
        info('created temp directory %s', tempdir)
        Finalize(None, shutil.rmtree, args=[tempdir], exitpriority=-100)
        process.current_process()._config['tempdir'] = tempdir
    return tempdir


#
# Hooks that run in a child before its target
#

_afterfork_registry = weakref.WeakValueDictionary()
_afterfork_counter = itertools.count()


def _run_after_forkers():
    items = list(_afterfork_registry.items())
    items.sort()
    for (index, ident, func), obj in items:
        try:
            func(obj)
        except Exception as e:
            info('after forker raised exception %s', e)


def register_after_fork(obj, func):
    _afterfork_registry[(next(_afterfork_counter), id(obj), func)] = obj


#
# Finalizers: callbacks run when an object dies or, by priority, at exit
#

_finalizer_registry = {}
_finalizer_counter = itertools.count()


class Finalize(object):
    """Calls `callback(*args, **kwargs)` once, when `obj` is collected or at exit."""

    def __init__(self, obj, callback, args=(), kwargs=None, exitpriority=None):
        if (exitpriority is not None) and not isinstance(exitpriority, int):
            raise TypeError(
                "Exitpriority ({0!r}) must be None or int, not {1!s}".format(
                    exitpriority, type(exitpriority)))
        if obj is not None:
            self._weakref = weakref.ref(obj, self)
        elif exitpriority is None:
            raise ValueError("Without object, exitpriority cannot be None")
        self._callback = callback
        self._args = args
        self._kwargs = kwargs or {}
        self._key = (exitpriority, next(_finalizer_counter))
        self._pid = os.getpid()
        _finalizer_registry[self._key] = self

    def __call__(self, wr=None):
        try:
            del _finalizer_registry[self._key]
        except KeyError:
            sub_debug('finalizer no longer registered')
            return None
        if self._pid != os.getpid():
            sub_debug('finalizer ignored because different process')
            res = None
        else:
            sub_debug('finalizer calling %s with args %s and kwargs %s',
                      self._callback, self._args, self._kwargs)
            res = self._callback(*self._args, **self._kwargs)
        self._weakref = self._callback = self._args = \
            self._kwargs = self._key = None
        return res

    def cancel(self):
        """Unregisters without calling."""
        try:
            del _finalizer_registry[self._key]
        except KeyError:
            pass
        else:
            self._weakref = self._callback = self._args = \
                self._kwargs = self._key = None

    def still_active(self):
        return self._key in _finalizer_registry

    def __repr__(self):
        try:
            obj = self._weakref()
        except (AttributeError, TypeError):
            obj = None
        if obj is None:
            return '<%s object, dead>' % self.__class__.__name__
        x = '<%s object, callback=%s' % (
            self.__class__.__name__,
            getattr(self._callback, '__name__', self._callback))
        if self._args:
            x += ', args=' + str(self._args)
        if self._kwargs:
            x += ', kwargs=' + str(self._kwargs)
        if self._key[0] is not None:
            x += ', exitpriority=' + str(self._key[0])
        return x + '>'


def _run_finalizers(minpriority=None):
    """Runs finalizers with priority >= minpriority (all with a priority if None), highest first."""
    if _finalizer_registry is None:
        return
    if minpriority is None:
        def wanted(priority):
            return priority[0] is not None
    else:
        def wanted(priority):
            return priority[0] is not None and priority[0] >= minpriority
    keys = [key for key in list(_finalizer_registry) if wanted(key)]
    keys.sort(reverse=True)
    for key in keys:
        finalizer = _finalizer_registry.get(key)
        if finalizer is not None:
            sub_debug('calling %s', finalizer)
            try:
                finalizer()
            except Exception:
                import traceback
                traceback.print_exc()
    if minpriority is None:
        _finalizer_registry.clear()


#
# Process exit
#

def is_exiting():
    """Whether this process is shutting down."""
    return _exiting or _exiting is None


_exiting = False


def _exit_function(info=info, debug=debug, _run_finalizers=_run_finalizers,
                   active_children=process.active_children,
                   current_process=process.current_process):
    """At exit: terminate daemonic children, join the others, run finalizers."""
    global _exiting
    if _exiting:
        return
    _exiting = True
    info('process shutting down')
    debug('running all "atexit" finalizers with priority >= 0')
    _run_finalizers(0)
    if current_process() is not None:
        for p in active_children():
            if p.daemon:
                info('calling terminate() for daemon %s', p.name)
                p._popen.terminate()
        for p in active_children():
            info('calling join() for process %s', p.name)
            p.join()
    debug('running the remaining "atexit" finalizers')
    _run_finalizers()


atexit.register(_exit_function)


#
# Thread-local state that a child starts afresh
#

class ForkAwareThreadLock(object):
    """A threading.Lock that a forked child would get afresh. graalmp never forks, so it is a
    plain lock; kept because programs written for CPython use it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)


class ForkAwareThreadLocal(threading.local):
    def __reduce__(self):
        return type(self), ()


class ForkAwareLocal(ForkAwareThreadLocal):
    pass


#
# Standard streams
#

def _close_stdin():
    """A child reads nothing from its parent's stdin: give it /dev/null, as CPython does."""
    if sys.stdin is None:
        return
    try:
        sys.stdin.close()
    except (OSError, ValueError):
        pass
    try:
        sys.stdin = open(os.devnull, encoding="utf-8", closefd=True)
    except (OSError, ValueError):
        pass


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError):
            pass


MAXFD = 256


def close_all_fds_except(fds):
    """Not available: a JVM does not manage raw file descriptors this way."""
    raise NotImplementedError('close_all_fds_except is not supported on graalmp')


def _cleanup_tests():
    """Called by CPython's test suite after a test run."""
    process._cleanup()
