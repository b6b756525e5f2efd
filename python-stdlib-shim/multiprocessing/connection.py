"""Connections between processes: Pipe, wait, Listener and Client.

A Connection forwards to a Java endpoint (org.graalmp.connection.Endpoint): a pipe end whose
state lives in the root process, or a socket. Messages are whole byte strings; send() and
recv() pickle and unpickle them here, in the caller.
"""

__all__ = ['Client', 'Listener', 'Pipe', 'wait']

import io
import os
import select
import time

from _graalmp import java

from . import context
from . import reduction
from .context import AuthenticationError, BufferTooShort

_ForkingPickler = reduction.ForkingPickler

# The handshake's messages (spoken by org.graalmp.connection.AuthHandshake), named as in
# CPython's module for code that speaks the protocol itself.
MESSAGE_LENGTH = 40
CHALLENGE = b'#CHALLENGE#'
WELCOME = b'#WELCOME#'
FAILURE = b'#FAILURE#'


class _ConnectionBase:
    """The Connection API over a Java endpoint."""

    _endpoint = None

    def __init__(self, endpoint, readable=True, writable=True):
        if not readable and not writable:
            raise ValueError(
                "at least one of `readable` and `writable` must be True")
        self._endpoint = endpoint
        self._readable = readable
        self._writable = writable

    def __del__(self):
        if self._endpoint is not None:
            self._endpoint.close()

    def _check_closed(self):
        if self._endpoint is None:
            raise OSError("handle is closed")

    def _check_readable(self):
        if not self._readable:
            raise OSError("connection is write-only")

    def _check_writable(self):
        if not self._writable:
            raise OSError("connection is read-only")

    def _bad_message_length(self):
        if self._writable:
            self._readable = False
        else:
            self.close()
        raise OSError("bad message length")

    @property
    def closed(self):
        """True if the connection is closed"""
        return self._endpoint is None

    @property
    def readable(self):
        """True if the connection is readable"""
        return self._readable

    @property
    def writable(self):
        """True if the connection is writable"""
        return self._writable

    def fileno(self):
        """graalmp's connections live in Java and have no file descriptor."""
        self._check_closed()
        raise io.UnsupportedOperation('fileno')

    def close(self):
        """Close the connection"""
        if self._endpoint is not None:
            try:
                self._endpoint.close()
            finally:
                self._endpoint = None

    def send_bytes(self, buf, offset=0, size=None):
        """Send the bytes data from a bytes-like object"""
        self._check_closed()
        self._check_writable()
        m = memoryview(buf)
        if m.itemsize > 1:
            m = m.cast('B')
        n = m.nbytes
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > n:
            raise ValueError("buffer length < offset + size")
        self._send_bytes(bytes(m[offset:offset + size]))

    def send(self, obj):
        """Send a (picklable) object"""
        if self._endpoint is None or not self._writable:
            self._check_closed()
            self._check_writable()
        self._send_bytes(reduction._dumps(obj))

    def recv_bytes(self, maxlength=None):
        """Receive bytes data as a bytes object."""
        self._check_closed()
        self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        return self._recv_bytes(maxlength)

    def recv_bytes_into(self, buf, offset=0):
        """Receive bytes data into a writeable bytes-like object; return the number of bytes read."""
        self._check_closed()
        self._check_readable()
        with memoryview(buf) as m:
            itemsize = m.itemsize
            bytesize = itemsize * len(m)
            if offset < 0:
                raise ValueError("negative offset")
            elif offset > bytesize:
                raise ValueError("offset too large")
            message = self._recv_bytes()
            size = len(message)
            if bytesize < offset + size:
                raise BufferTooShort(message)
            m.cast('B')[offset:offset + size] = message
            return size

    def recv(self):
        """Receive a (picklable) object"""
        if self._endpoint is None or not self._readable:
            self._check_closed()
            self._check_readable()
        return _ForkingPickler.loads(self._recv_bytes())

    def poll(self, timeout=0.0):
        """Whether there is any input available to be read"""
        self._check_closed()
        self._check_readable()
        return java.value(self._endpoint.poll(_seconds(timeout)))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()

    def _send_bytes(self, data):
        failure = self._endpoint.send(data)
        if failure is not None:
            java.raise_failure(failure)

    def _recv_bytes(self, maxlength=None):
        message = self._endpoint.recv(-1 if maxlength is None else maxlength)
        if type(message) is str:
            return message.encode('latin-1')
        if message.message() == 'bad message length':
            self._bad_message_length()
        java.raise_failure(message)


class Connection(_ConnectionBase):
    """A connection between processes: one end of a Pipe, or a socket."""

    def __reduce__(self):
        if java.sockets.isSocket(self._endpoint):
            raise TypeError('graalmp cannot send a socket Connection to another process; '
                            'connect to the Listener from that process instead')
        # Passed to a child being spawned, the end gets a handle counted for that child at
        # once, so that the parent may close its own right after start().
        pipe_id, end = self._endpoint.pipeId(), self._endpoint.end()
        popen = context.get_spawning_popen()
        if popen is not None:
            java.pipes.duplicate(pipe_id, end, popen.pid)
            holder = popen.pid
        else:
            holder = None
        return _rebuild_connection, (pipe_id, end, holder, self._readable, self._writable)


def _rebuild_connection(pipe_id, end, holder, readable, writable):
    if holder != os.getpid():
        java.pipes.duplicate(pipe_id, end, os.getpid())
    return Connection(java.pipes.attach(pipe_id, end), readable, writable)


def _seconds(timeout):
    """Java's timeout: seconds, negative for ever."""
    return -1.0 if timeout is None else max(0.0, float(timeout))


def Pipe(duplex=True):
    """Returns a pair (conn1, conn2) of Connection objects at the ends of a pipe."""
    first, second = java.pipes.create(bool(duplex))
    if duplex:
        return Connection(first), Connection(second)
    return Connection(first, writable=False), Connection(second, readable=False)


def wait(object_list, timeout=None):
    """Wait till an object in object_list is ready/readable.

    Returns list of those objects in object_list which are ready/readable.
    """
    objects = list(object_list)
    ours, others = [], []
    for o in objects:
        if isinstance(o, int) or hasattr(o, '_endpoint'):
            ours.append(o)
        elif hasattr(o, 'fileno'):
            others.append(o)
        else:
            raise TypeError('argument must be an int, or have a fileno() method.')
    if not others:
        ready = _wait_ours(ours, timeout)
    elif not ours:
        ready = select.select(others, [], [], timeout)[0]
    else:
        ready = _wait_both(ours, others, timeout)
    ready = {id(o) for o in ready}
    return [o for o in objects if id(o) in ready]


# Java watches graalmp's Connections and sentinels; select() watches sockets and files. Neither
# can watch the other's, so a wait on both kinds takes turns at this interval.
_TURN = 0.01


def _wait_both(ours, others, timeout):
    deadline = None if timeout is None else time.monotonic() + max(0.0, float(timeout))
    while True:
        ready = _wait_ours(ours, _TURN) + select.select(others, [], [], 0)[0]
        if ready or (deadline is not None and time.monotonic() >= deadline):
            return ready


def _wait_ours(objects, timeout):
    """Those of graalmp's Connections and process sentinels in objects that are ready."""
    endpoints, sentinels = [], []
    for o in objects:
        if isinstance(o, int):
            sentinels.append(o)
        else:
            o._check_closed()
            endpoints.append(o._endpoint)
    ready = set(java.readiness.waitAny(endpoints, sentinels, _seconds(timeout)))
    # Java answers with positions: endpoints first, then sentinels.
    result, next_endpoint, next_sentinel = [], 0, len(endpoints)
    for o in objects:
        if isinstance(o, int):
            position, next_sentinel = next_sentinel, next_sentinel + 1
        else:
            position, next_endpoint = next_endpoint, next_endpoint + 1
        if position in ready:
            result.append(o)
    return result

# Listener and Client: sockets between processes that need not be related.
# The sockets and the authkey handshake live in Java (org.graalmp.connection.SocketService);
# this is the CPython-shaped face: argument checks, families, errors.

import itertools  # noqa: E402

from . import util  # noqa: E402

families = ['AF_INET', 'AF_UNIX']
default_family = 'AF_UNIX'
_pipe_numbers = itertools.count()


def arbitrary_address(family):
    """Returns an arbitrary free address for the given family."""
    # Imported here: tempfile (with shutil, bz2, lzma, random) takes GraalPy 0.1 s.
    import tempfile
    if family == 'AF_INET':
        return ('localhost', 0)  # port 0: the system picks a free one at bind time
    if family == 'AF_UNIX':
        return tempfile.mktemp(prefix='listener-', dir=util.get_temp_dir())
    if family == 'AF_PIPE':  # a Windows pipe name; Listener refuses the family here
        prefix = r'\\.\pipe\pyc-%d-%d-' % (os.getpid(), next(_pipe_numbers))
        return tempfile.mktemp(prefix=prefix, dir='')
    raise ValueError('unrecognized family')


def address_type(address):
    """Returns the family of an address: 'AF_INET', 'AF_UNIX' or 'AF_PIPE'."""
    if type(address) is tuple:
        return 'AF_INET'
    if type(address) is str:
        return 'AF_PIPE' if address.startswith('\\\\') else 'AF_UNIX'
    if _is_abstract_unix_address(address):
        return 'AF_UNIX'
    raise ValueError('address type of %r unrecognized' % (address,))


def _is_abstract_unix_address(address):
    # Linux's abstract socket names start with a NUL; only str and bytes can be addresses.
    if not address:
        return False
    if isinstance(address, bytes):
        return address[0] == 0
    if isinstance(address, str):
        return address[0] == '\0'
    raise TypeError('address type of %r unrecognized' % (address,))


def _validate_family(family):
    if family == 'AF_PIPE':  # named pipes exist on Windows only
        raise ValueError('Family %s is not recognized.' % family)


def _python_address(address):
    """A Java-side address: a path str as is, an internet address as a tuple."""
    return address if address is None or isinstance(address, str) else tuple(address)


class Listener:
    """A socket bound to an address, listening for Client connections.

    With an authkey, accept() authenticates each connection both ways before returning it.
    """

    def __init__(self, address=None, family=None, backlog=1, authkey=None):
        family = family or (address and address_type(address)) or default_family
        address = address or arbitrary_address(family)
        _validate_family(family)
        listener = java.value(java.sockets.listen(family, address, backlog))
        if authkey is not None and not isinstance(authkey, bytes):
            _close_listener(listener)
            raise TypeError('authkey should be a byte string')
        self._listener = listener
        self._authkey = authkey
        # As in CPython, a listener nobody closes is closed, and its socket file removed, at
        # exit or when it is collected.
        self._close = util.Finalize(self, _close_listener, args=(listener,), exitpriority=0)

    def accept(self):
        """Waits for a connection; returns it as a Connection."""
        if self._listener is None:
            raise OSError('listener is closed')
        c = Connection(java.value(java.sockets.accept(self._listener)))
        if self._authkey is not None:
            _authenticate(c, self._authkey, deliver_challenge, answer_challenge)
        return c

    def close(self):
        """Closes the listening socket (and removes its Unix socket file)."""
        if self._listener is not None:
            self._listener = None
            self._close()

    @property
    def address(self):
        return _python_address(java.sockets.address(self._bound('_address')))

    @property
    def last_accepted(self):
        return _python_address(java.sockets.lastAccepted(self._bound('_last_accepted')))

    def _bound(self, attribute):
        if self._listener is None:  # CPython's closed Listener fails the same way
            raise AttributeError("'NoneType' object has no attribute %r" % attribute)
        return self._listener

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def _close_listener(listener):
    java.value(java.sockets.closeListener(listener))


def Client(address, family=None, authkey=None):
    """Returns a Connection to the Listener at `address`."""
    family = family or address_type(address)
    _validate_family(family)
    c = Connection(java.value(java.sockets.connect(address_type(address), address)))
    if authkey is not None and not isinstance(authkey, bytes):
        c.close()
        raise TypeError('authkey should be a byte string')
    if authkey is not None:
        _authenticate(c, authkey, answer_challenge, deliver_challenge)
    return c


def _authenticate(connection, authkey, first, second):
    try:
        first(connection, authkey)
        second(connection, authkey)
    except BaseException:
        # CPython's refcounting closes the dropped connection at once; do so explicitly.
        connection.close()
        raise


def deliver_challenge(connection, authkey, digest_name='sha256'):
    """Makes the peer prove it holds authkey; raises AuthenticationError if it does not."""
    _check_authkey(authkey)
    _handshake_step(connection, java.sockets.deliverChallenge, authkey, digest_name)


def answer_challenge(connection, authkey):
    """Proves to the peer that this side holds authkey; raises AuthenticationError if refused."""
    _check_authkey(authkey)
    _handshake_step(connection, java.sockets.answerChallenge, authkey)


def _check_authkey(authkey):
    if not isinstance(authkey, bytes):
        raise ValueError("Authkey must be bytes, not {0!s}".format(type(authkey)))


def _handshake_step(connection, step, *args):
    if not isinstance(connection, _ConnectionBase):
        # CPython's handshake takes any object with send_bytes and recv_bytes.
        java.value(step(_BytesLink(connection), *args))
        return
    connection._check_closed()
    connection._check_readable()
    connection._check_writable()
    reply = step(connection._endpoint, *args)
    if reply.failed() and reply.message() == 'bad message length':
        connection._bad_message_length()
    java.value(reply)


class _BytesLink(object):
    """A connection-like object as Java's handshake speaks to one: messages out as latin-1
    text (one char per byte), messages in as bytes."""

    def __init__(self, connection):
        self._connection = connection

    def send(self, text):
        self._connection.send_bytes(text.encode('latin-1'))

    def receive(self, max_length):
        return self._connection.recv_bytes(max_length)
