"""The Java services graalmp binds into every context (see org.graalmp.host.PythonHost).

Java answers calls on shared objects with a Reply: a value, or the name of the Python
exception to raise and its message. value() and bytes_value() unwrap one.
"""

import builtins
import queue
import threading

import polyglot

processes = polyglot.import_value('graalmp.processes')
objects = polyglot.import_value('graalmp.objects')
pipes = polyglot.import_value('graalmp.pipes')
queues = polyglot.import_value('graalmp.queues')
readiness = polyglot.import_value('graalmp.readiness')
sockets = polyglot.import_value('graalmp.sockets')
memory = polyglot.import_value('graalmp.memory')
managers = polyglot.import_value('graalmp.managers')

# What Java's Reply.plainValueOrSelf() answers as a value rather than as the Reply.
_PLAIN = frozenset((bool, int, float, str))

_ERRORS = {'queue.Full': queue.Full, 'queue.Empty': queue.Empty,
           'threading.BrokenBarrierError': threading.BrokenBarrierError}


def to_bytes(latin1):
    """Bytes that Java passed as a latin-1 string (one char per byte: a bulk conversion)."""
    return str(latin1).encode('latin-1')


def create(kind, *args):
    """A handle on a new shared object of `kind` (see org.graalmp.host.SharedKinds)."""
    return objects.attach(value(objects.create(kind, list(args))))


def call(handle, method, *args):
    """Calls `method` on a shared object; raises the Python exception the Java side names."""
    return _result(handle.invoke(method, list(args)))


def call_as_owner(handle, method, *args):
    """Like call(), naming the calling thread of this process as the lock owner it acts for."""
    return _result(handle.invokeAsOwner(method, list(args)))


def _result(result):
    """What a call answered: Java's null, a plain value, or a Reply (failed, or holding a value
    of another kind)."""
    if result is None:  # Java's null (its type is polyglot.ForeignNone)
        return None
    if type(result) in _PLAIN:
        return result
    return value(result)


def call_bytes(handle, method, *args):
    """Like call(), for a method whose result is bytes."""
    return bytes_value(handle.call(method, list(args)))


def value(reply):
    """The value of a Reply, or the exception it names raised."""
    _raise_if_failed(reply)
    return reply.value()


def bytes_value(reply):
    """The bytes value of a Reply, or the exception it names raised."""
    _raise_if_failed(reply)
    return to_bytes(reply.bytesValue())


def raise_failure(reply):
    """Raises the exception a failed Reply names."""
    raise _exception(reply.errorType(), reply.message())


def _raise_if_failed(reply):
    if reply.failed():
        raise _exception(reply.errorType(), reply.message())


def _exception(name, message):
    error = _ERRORS.get(name) or getattr(builtins, name, None)
    if error is None:
        if name == 'AuthenticationError':
            from multiprocessing.context import AuthenticationError as error
        else:
            return RuntimeError('%s: %s' % (name, message))
    numbered = _errno_and_text(message or '')
    if numbered and issubclass(error, OSError):
        return error(*numbered)
    return error(message) if message else error()


def _errno_and_text(message):
    """(errno, text) of an OSError's message '[Errno N] text', else None. (Not with re: it
    would be the only user of re, with enum, in a child that imports nothing else.)"""
    number, bracket, text = message.removeprefix('[Errno ').partition('] ')
    if message.startswith('[Errno ') and bracket and number.isdecimal():
        return int(number), text
    return None
