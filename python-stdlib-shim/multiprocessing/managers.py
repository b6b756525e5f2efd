"""Managers: a server process hosting Python objects that proxies in other processes call.

The server is a child process (a fresh JVM) whose socket, authentication, connection threads,
object table and reference counts live in Java (org.graalmp.manager). This module does what
only Python can: create the referents with the registered callables, call their methods, and
pickle arguments and replies. A reply is a pickled (kind, value) pair, kind being '#RETURN',
'#ERROR' (the referent raised), '#TRACEBACK' (the server failed), '#UNSERIALIZABLE' or
'#PROXY' (the method's result is a new shared object).
"""

__all__ = ['BaseManager', 'SyncManager', 'BaseProxy', 'Token', 'SharedMemoryManager']

import _signal
import array
import os
import queue
import sys
import threading
import types

from _graalmp import java
from _graalmp.pending import missing

from . import connection
from . import pool
from . import process
from . import util
from .context import ProcessError, get_spawning_popen
from .reduction import ForkingPickler

SharedMemoryManager = missing('multiprocessing.managers.SharedMemoryManager', 4)


def _format_exc():
    """traceback.format_exc(): the server imports traceback once it serves (_run_server)."""
    import traceback
    return traceback.format_exc()


def _dumps(obj):
    return bytes(ForkingPickler.dumps(obj))


def _loads(data):
    return ForkingPickler.loads(data)


def _xml_dumps(obj):
    return sys.modules['xmlrpc.client'].dumps((obj,), None, None, None, 1).encode('utf-8')


def _xml_loads(data):
    (obj,), method = sys.modules['xmlrpc.client'].loads(data.decode('utf-8'))
    return obj


def _serializer(name):
    """(dumps, loads) for serializer=name; KeyError for an unknown name, as in CPython.
    Managers, servers and proxies resolve theirs when made. xmlrpc is imported here, by the
    thread making one, not at module import:
    it loads pyexpat, a native module a multi-context JVM (an embedding application) may refuse
    to a second context; and not on first use: a server thread cannot import while the main
    thread serves."""
    functions = _SERIALIZERS[name]
    if name == 'xmlrpclib':
        import xmlrpc.client  # noqa: F401
    return functions


_SERIALIZERS = {'pickle': (_dumps, _loads), 'xmlrpclib': (_xml_dumps, _xml_loads)}


#
# Tokens and errors
#

class Token(object):
    """Names a shared object: its typeid, its manager's address and its id there."""
    __slots__ = ('typeid', 'address', 'id')

    def __init__(self, typeid, address, id):
        self.typeid, self.address, self.id = typeid, address, id

    def __getstate__(self):
        return (self.typeid, self.address, self.id)

    def __setstate__(self, state):
        self.typeid, self.address, self.id = state

    def __repr__(self):
        return '%s(typeid=%r, address=%r, id=%r)' % (
            type(self).__name__, self.typeid, self.address, self.id)


class RemoteError(Exception):
    """A failure inside the manager's server; its text is the server's traceback."""

    def __str__(self):
        rule = '-' * 75
        return '\n%s\n%s%s' % (rule, self.args[0], rule)


def convert_to_error(kind, result):
    """The exception a reply of `kind` stands for."""
    if kind == '#ERROR':
        return result
    if kind in ('#TRACEBACK', '#UNSERIALIZABLE'):
        if not isinstance(result, str):
            raise TypeError("Result {0!r} (kind '{1}') type is {2}, not str".format(
                result, kind, type(result)))
        if kind == '#UNSERIALIZABLE':
            return RemoteError('Unserializable message: %s\n' % result)
        return RemoteError(result)
    return ValueError('Unrecognized message type {!r}'.format(kind))


def all_methods(obj):
    """The names of the callable attributes of obj."""
    return [name for name in dir(obj) if callable(getattr(obj, name, None))]


def public_methods(obj):
    """The names of obj's callable attributes that do not start with '_'."""
    return [name for name in all_methods(obj) if name[0] != '_']


def _address_family(address):
    return connection.address_type(address)


def _python_address(address):
    return tuple(address) if isinstance(address, (list, tuple)) else address


def _connect(address, authkey):
    """This process's connection to the manager at address (one per manager, shared)."""
    return java.value(java.managers.connect(_address_family(address), address, bytes(authkey)))


def _dispatch(conn, method):
    """A call to the server itself (not to one of its objects)."""
    return java.value(conn.server(method))


#
# The server side
#

_server = None  # the Server this process runs, if any


class Server(object):
    """A manager's server: Java serves the socket and calls create/invoke/refuse here."""

    public = ['shutdown', 'create', 'accept_connection', 'get_methods',
              'debug_info', 'number_of_objects', 'dummy', 'incref', 'decref']

    def __init__(self, registry, address, authkey, serializer):
        if not isinstance(authkey, bytes):
            raise TypeError("Authkey {0!r} is type {1!s}, not bytes".format(authkey, type(authkey)))
        global _server
        self.registry = registry
        self.authkey = process.AuthenticationString(authkey)
        self._dumps, self._loads = _serializer(serializer)
        family = _address_family(address) if address is not None else 'AF_UNIX'
        self._java = java.value(java.managers.serve(family, address, bytes(authkey), self))
        self.address = _python_address(self._java.address())
        self.listener = _ServerListener(self._java, self.address)
        _server = self

    def serve_forever(self):
        """Serves until a client asks for shutdown, then ends the process."""
        try:
            self._java.serveForever()
        except KeyboardInterrupt:
            pass
        sys.exit(0)

    # -- called by Java, on the thread serving a request --

    def create(self, typeid, payload, pid):
        try:
            args, kwds = self._loads(java.to_bytes(payload))
            callable, exposed, method_to_typeid = self.registry[typeid][:3]
            if callable is None:
                if kwds or len(args) != 1:
                    raise ValueError('typeid %r has no callable: pass the object itself' % typeid)
                obj = args[0]
            else:
                obj = callable(*args, **kwds)
            ident, exposed = self._add(obj, typeid, exposed, pid)
            return self._dumps(('#RETURN', (ident, exposed)))
        except Exception:
            return self._dumps(('#TRACEBACK', _format_exc()))

    def invoke(self, obj, typeid, method, payload, pid):
        try:
            args, kwds = self._loads(java.to_bytes(payload)) if payload is not None else ((), {})
            try:
                result = obj if method == '#GETVALUE' else getattr(obj, method)(*args, **kwds)
            except Exception as e:
                return self._reply(('#ERROR', e))
            new_typeid = (self.registry[typeid][2] or {}).get(method)
            if new_typeid:
                ident, exposed = self._add(result, new_typeid, self.registry[new_typeid][1], pid)
                return self._reply(('#PROXY', (exposed, Token(new_typeid, self.address, ident))))
            return self._reply(('#RETURN', result))
        except Exception:
            return self._dumps(('#TRACEBACK', _format_exc()))

    def refuse(self, obj, method, exposed):
        try:
            raise AttributeError('method %r of %r object is not in exposed=%r'
                                 % (method, type(obj), tuple(exposed)))
        except AttributeError:
            return self._dumps(('#TRACEBACK', _format_exc()))

    def _add(self, obj, typeid, exposed, pid):
        exposed = tuple(exposed) if exposed is not None else tuple(public_methods(obj))
        return self._java.register(obj, typeid, list(exposed), pid), exposed

    def _reply(self, message):
        try:
            return self._dumps(message)
        except Exception:
            return self._dumps(('#UNSERIALIZABLE', _format_exc()))


class _ServerListener(object):
    """Server.listener: the server's listening socket (Java's), which can be closed."""

    def __init__(self, server, address):
        self._server = server
        self.address = address

    def close(self):
        self._server.close()


#
# Manager state
#

class State(object):
    __slots__ = ['value']
    INITIAL = 0
    STARTED = 1
    SHUTDOWN = 2


listener_client = {'pickle': (connection.Listener, connection.Client),
                   'xmlrpclib': (connection.Listener, connection.Client)}


class BaseManager(object):
    """A manager: starts (or connects to) a server and makes proxies on its objects."""

    _registry = {}
    _Server = Server

    def __init__(self, address=None, authkey=None, serializer='pickle', ctx=None, *,
                 shutdown_timeout=1.0):
        if authkey is None:
            authkey = process.current_process().authkey
        self._address = _python_address(address)
        self._authkey = process.AuthenticationString(authkey)
        self._state = State()
        self._state.value = State.INITIAL
        self._serializer = serializer
        self._Listener, self._Client = listener_client[serializer]
        self._dumps, self._loads = _serializer(serializer)
        self._ctx = ctx or _default_context()
        self._shutdown_timeout = shutdown_timeout
        self._process = None

    def _check_initial(self):
        if self._state.value == State.STARTED:
            raise ProcessError("Already started server")
        if self._state.value == State.SHUTDOWN:
            raise ProcessError("Manager has shut down")
        if self._state.value != State.INITIAL:
            raise ProcessError("Unknown state {!r}".format(self._state.value))

    def get_server(self):
        """A server for this manager, to run in this process with serve_forever()."""
        self._check_initial()
        return self._Server(self._server_registry(), self._address, self._authkey, self._serializer)

    def connect(self):
        """Connects to a manager server already running at self.address."""
        _dispatch(_connect(self._address, self._authkey), 'dummy')
        self._state.value = State.STARTED

    def _server_registry(self):
        # The server needs the callables only; proxy types stay in the processes that use them.
        return {typeid: entry[:3] for typeid, entry in self._registry.items()}

    def start(self, initializer=None, initargs=()):
        """Starts the server in a child process and waits for its address."""
        self._check_initial()
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        reader, writer = connection.Pipe(duplex=False)
        self._process = self._ctx.Process(
            target=type(self)._run_server,
            args=(self._server_registry(), self._address, self._authkey,
                  self._serializer, writer, initializer, initargs))
        self._process.name = type(self).__name__ + '-' + ':'.join(
            str(i) for i in self._process._identity)
        self._process._jvm_role = 'manager_server'
        self._process.start()
        writer.close()
        try:
            self._address = reader.recv()
        except EOFError:
            self._process.join()
            raise ProcessError('the manager server process ended before serving') from None
        finally:
            reader.close()
        self._state.value = State.STARTED
        # Shut down with the program too, before children are joined (exitpriority 0).
        self.shutdown = util.Finalize(
            self, type(self)._finalize_manager,
            args=(self._process, self._address, self._authkey, self._state,
                  self._Client, self._shutdown_timeout),
            exitpriority=0)

    @classmethod
    def _run_server(cls, registry, address, authkey, serializer, writer,
                    initializer=None, initargs=()):
        """The server process's target: serve, report the address, serve until shutdown."""
        try:  # Ctrl-C in the terminal is for the program, not its manager (bpo-36368)
            _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
        except (TypeError, ValueError, OSError):
            pass  # GraalPy's embedded signal module refuses; the parent shuts the server down anyway
        if initializer is not None:
            initializer(*initargs)
        server = cls._Server(registry, address, authkey, serializer)
        writer.send(server.address)
        writer.close()
        # For the replies of failed calls; imported here, not at module import (0.15 s the
        # parent's start() need not wait for), and not by a serving thread, which may hang
        # on a first import (see _serializer).
        import traceback  # noqa: F401
        util.info('manager serving at %r', server.address)
        server.serve_forever()

    def _create(self, typeid, /, *args, **kwds):
        """Creates a shared object; returns its token and exposed methods."""
        assert self._state.value == State.STARTED, 'server not yet started'
        conn = _connect(self._address, self._authkey)
        ident, exposed = _unwrap(java.bytes_value(conn.create(typeid, self._dumps((args, kwds)))),
                                 self._loads)
        return Token(typeid, self._address, ident), exposed

    def join(self, timeout=None):
        """Waits for the server process to end."""
        if self._process is not None:
            self._process.join(timeout)
            if not self._process.is_alive():
                self._process = None

    def _debug_info(self):
        return _dispatch(_connect(self._address, self._authkey), 'debug_info')

    def _number_of_objects(self):
        return _dispatch(_connect(self._address, self._authkey), 'number_of_objects')

    def __enter__(self):
        if self._state.value == State.INITIAL:
            self.start()
        if self._state.value != State.STARTED:
            if self._state.value == State.INITIAL:
                raise ProcessError("Unable to start server")
            if self._state.value == State.SHUTDOWN:
                raise ProcessError("Manager has shut down")
            raise ProcessError("Unknown state {!r}".format(self._state.value))
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()

    def shutdown(self):
        """Stops the server process (replaced by a finalizer once started)."""
        if self._state.value == State.INITIAL:
            return
        self._state.value = State.SHUTDOWN

    @staticmethod
    def _finalize_manager(process, address, authkey, state, _Client, shutdown_timeout):
        """Asks the server to stop, then makes sure its process is gone."""
        if process.is_alive():
            util.info('sending shutdown message to manager')
            try:
                _dispatch(_connect(address, authkey), 'shutdown')
            except Exception:
                pass
            process.join(timeout=shutdown_timeout)
            if process.is_alive():
                util.info('manager still alive')
                process.terminate()
                process.join(timeout=shutdown_timeout)
                if process.is_alive():
                    process.kill()
                    process.join()
        state.value = State.SHUTDOWN

    @property
    def address(self):
        return self._address

    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        """Registers a type of shared object, and a method of that name making one."""
        if '_registry' not in cls.__dict__:
            cls._registry = cls._registry.copy()
        if proxytype is None:
            proxytype = AutoProxy
        exposed = exposed or getattr(proxytype, '_exposed_', None)
        method_to_typeid = method_to_typeid or getattr(proxytype, '_method_to_typeid_', None)
        if method_to_typeid:
            for key, value in list(method_to_typeid.items()):
                assert type(key) is str, '%r is not a string' % key
                assert type(value) is str, '%r is not a string' % value
        cls._registry[typeid] = (callable, exposed, method_to_typeid, proxytype)
        if create_method:
            def make(self, /, *args, **kwds):
                token, exp = self._create(typeid, *args, **kwds)
                return proxytype(token, self._serializer, manager=self,
                                 authkey=self._authkey, exposed=exp, _counted=True)
            make.__name__ = typeid
            setattr(cls, typeid, make)


def _unwrap(data, loads=_loads):
    kind, result = loads(data)
    if kind == '#RETURN':
        return result
    raise convert_to_error(kind, result)


#
# Proxies
#

class BaseProxy(object):
    """A reference to an object in a manager's server; calls go there."""

    _address_to_local = {}

    def __init__(self, token, serializer, manager=None, authkey=None, exposed=None,
                 incref=True, manager_owned=False, _counted=False):
        self._token = token
        self._id = token.id
        self._manager = manager
        self._serializer = serializer
        self._dumps, self._loads = _serializer(serializer)
        if authkey is not None:
            self._authkey = process.AuthenticationString(authkey)
        elif manager is not None:
            self._authkey = manager._authkey
        else:
            self._authkey = process.current_process().authkey
        self._owned_by_manager = manager_owned
        if incref and not manager_owned:
            if not _counted:
                java.value(self._connection().incref(self._id, os.getpid()))
            # Collected, the proxy lets the server drop the object (when no other proxy holds it).
            util.Finalize(self, BaseProxy._decref, args=(token, self._authkey))

    def _connection(self):
        # One per thread and manager, kept as CPython keeps it: once the server has gone, a
        # thread that had one fails on it (BrokenPipeError), a new thread fails to connect.
        local = BaseProxy._address_to_local.setdefault(str(self._token.address), threading.local())
        conn = getattr(local, 'connection', None)
        if conn is None:
            conn = local.connection = _connect(self._token.address, self._authkey)
        return conn

    @staticmethod
    def _decref(token, authkey):
        try:
            _connect(token.address, authkey).decref(token.id)
        except Exception:
            pass  # the server has gone, and its objects with it

    def _callmethod(self, methodname, args=(), kwds={}):
        """Calls methodname on the referent; returns its result or raises its exception."""
        reply = self._connection().call(self._id, methodname, self._dumps((tuple(args), dict(kwds))))
        kind, result = self._loads(java.bytes_value(reply))
        if kind == '#RETURN':
            return result
        if kind == '#PROXY':
            exposed, token = result
            proxytype = _proxytype_of(self._manager, token.typeid)
            token.address = self._token.address
            return proxytype(token, self._serializer, manager=self._manager,
                             authkey=self._authkey, exposed=exposed, _counted=True)
        raise convert_to_error(kind, result)

    def _getvalue(self):
        """A copy of the referent."""
        return self._callmethod('#GETVALUE')

    def __reduce__(self):
        kwds = {}
        popen = get_spawning_popen()
        if popen is not None:
            kwds['authkey'] = self._authkey
            # Counted for the child now: this process may drop its own proxy before the child runs.
            java.value(self._connection().incref(self._id, popen.pid))
            kwds['_counted'] = True
        if getattr(self, '_isauto', False):
            kwds['exposed'] = self._exposed_
            return (RebuildProxy, (AutoProxy, self._token, self._serializer, kwds))
        return (RebuildProxy, (type(self), self._token, self._serializer, kwds))

    def __deepcopy__(self, memo):
        return self._getvalue()

    def __repr__(self):
        return '<%s object, typeid %r at %#x>' % (type(self).__name__, self._token.typeid, id(self))

    def __str__(self):
        try:
            return self._callmethod('__repr__')
        except Exception:
            return repr(self)[:-1] + "; '__str__()' failed>"


def _proxytype_of(manager, typeid):
    registries = [manager._registry] if manager is not None else []
    registries.append(SyncManager._registry)
    for registry in registries:
        if typeid in registry:
            return registry[typeid][-1]
    return AutoProxy


def RebuildProxy(func, token, serializer, kwds):
    """Unpickles a proxy: connects to its manager from this process."""
    if _server is not None and _server.address == token.address:
        # A proxy kept inside its own server (a managed list in a managed dict).
        kwds.setdefault('authkey', _server.authkey)
    return func(token, serializer, incref=True, **kwds)


_proxy_types = {}


def MakeProxyType(name, exposed, _cache=_proxy_types):
    """A proxy class with a forwarding method for each exposed name."""
    exposed = tuple(exposed)
    try:
        return _cache[(name, exposed)]
    except KeyError:
        pass
    namespace = {}
    for meth in exposed:
        exec('''def %s(self, /, *args, **kwds):
        return self._callmethod(%r, args, kwds)''' % (meth, meth), namespace)
    ProxyType = type(name, (BaseProxy,), namespace)
    ProxyType._exposed_ = exposed
    _cache[(name, exposed)] = ProxyType
    return ProxyType


def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=True,
              manager_owned=False, _counted=False):
    """A proxy whose methods are the exposed methods the server reports."""
    if exposed is None:
        conn = _connect(token.address, authkey or process.current_process().authkey)
        exposed = _dispatch(conn, 'get_methods')
    if authkey is None and manager is not None:
        authkey = manager._authkey
    if authkey is None:
        authkey = process.current_process().authkey
    ProxyType = MakeProxyType('AutoProxy[%s]' % token.typeid, exposed)
    proxy = ProxyType(token, serializer, manager=manager, authkey=authkey, incref=incref,
                      manager_owned=manager_owned, _counted=_counted)
    proxy._isauto = True
    return proxy


#
# The proxy types of SyncManager's shared objects
#

class IteratorProxy(BaseProxy):
    _exposed_ = ('__next__', 'send', 'throw', 'close')

    def __iter__(self):
        return self

    def __next__(self, *args):
        return self._callmethod('__next__', args)

    def send(self, *args):
        return self._callmethod('send', args)

    def throw(self, *args):
        return self._callmethod('throw', args)

    def close(self, *args):
        return self._callmethod('close', args)


class AcquirerProxy(BaseProxy):
    _exposed_ = ('acquire', 'release')

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod('acquire', args)

    def release(self):
        return self._callmethod('release')

    def __enter__(self):
        return self._callmethod('acquire')

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod('release')


class ConditionProxy(AcquirerProxy):
    _exposed_ = ('acquire', 'release', 'wait', 'notify', 'notify_all')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def notify(self, n=1):
        return self._callmethod('notify', (n,))

    def notify_all(self):
        return self._callmethod('notify_all')

    def wait_for(self, predicate, timeout=None):
        """Waits until predicate() is true; the predicate runs here, between waits."""
        from .synchronize import wait_for
        return wait_for(self, predicate, timeout)


class EventProxy(BaseProxy):
    _exposed_ = ('is_set', 'set', 'clear', 'wait')

    def is_set(self):
        return self._callmethod('is_set')

    def set(self):
        return self._callmethod('set')

    def clear(self):
        return self._callmethod('clear')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))


class BarrierProxy(BaseProxy):
    _exposed_ = ('__getattribute__', 'wait', 'abort', 'reset')

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def abort(self):
        return self._callmethod('abort')

    def reset(self):
        return self._callmethod('reset')

    @property
    def parties(self):
        return self._callmethod('__getattribute__', ('parties',))

    @property
    def n_waiting(self):
        return self._callmethod('__getattribute__', ('n_waiting',))

    @property
    def broken(self):
        return self._callmethod('__getattribute__', ('broken',))


class NamespaceProxy(BaseProxy):
    _exposed_ = ('__getattribute__', '__setattr__', '__delattr__')

    def __getattr__(self, key):
        if key[0] == '_':
            return object.__getattribute__(self, key)
        return object.__getattribute__(self, '_callmethod')('__getattribute__', (key,))

    def __setattr__(self, key, value):
        if key[0] == '_':
            return object.__setattr__(self, key, value)
        return object.__getattribute__(self, '_callmethod')('__setattr__', (key, value))

    def __delattr__(self, key):
        if key[0] == '_':
            return object.__delattr__(self, key)
        return object.__getattribute__(self, '_callmethod')('__delattr__', (key,))


class ValueProxy(BaseProxy):
    _exposed_ = ('get', 'set')

    def get(self):
        return self._callmethod('get')

    def set(self, value):
        return self._callmethod('set', (value,))

    value = property(get, set)

    __class_getitem__ = classmethod(types.GenericAlias)


BaseListProxy = MakeProxyType('BaseListProxy', (
    '__add__', '__contains__', '__delitem__', '__getitem__', '__len__',
    '__mul__', '__reversed__', '__rmul__', '__setitem__',
    'append', 'count', 'extend', 'index', 'insert', 'pop', 'remove',
    'reverse', 'sort', '__imul__'))


class ListProxy(BaseListProxy):

    def __iadd__(self, value):
        self._callmethod('extend', (value,))
        return self

    def __imul__(self, value):
        self._callmethod('__imul__', (value,))
        return self


DictProxy = MakeProxyType('DictProxy', (
    '__contains__', '__delitem__', '__getitem__', '__iter__', '__len__',
    '__setitem__', 'clear', 'copy', 'get', 'items',
    'keys', 'pop', 'popitem', 'setdefault', 'update', 'values'))
DictProxy._method_to_typeid_ = {'__iter__': 'Iterator'}

ArrayProxy = MakeProxyType('ArrayProxy', ('__len__', '__getitem__', '__setitem__'))


#
# The referents SyncManager adds to the standard library's types
#

class Namespace(object):
    """A bag of attributes; its repr lists the public ones."""

    def __init__(self, /, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = [(name, value) for name, value in self.__dict__.items() if not name.startswith('_')]
        items.sort()
        return '%s(%s)' % (type(self).__name__, ', '.join('%s=%r' % item for item in items))


class Value(object):
    """A value with get() and set(); typecode is only recorded, as in CPython's manager."""

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__, self._typecode, self._value)

    value = property(get, set)


def Array(typecode, sequence, lock=True):
    return array.array(typecode, sequence)


# Views and arrays cross the wire as what they show (as CPython's manager sends them).
def _rebuild_array(typecode, data):
    return array.array(typecode, data)


def _reduce_array(a):
    return _rebuild_array, (a.typecode, a.tobytes())


ForkingPickler.register(array.array, _reduce_array)
for _view_type in (type({}.items()), type({}.keys()), type({}.values())):
    ForkingPickler.register(_view_type, lambda view: (list, (list(view),)))


class SyncManager(BaseManager):
    """The manager Manager() starts: shared dicts, lists, locks, queues and more."""


# A Pool lives in the server process (its workers are the server's children); its results
# and iterators come back as proxies.
PoolProxy = MakeProxyType('PoolProxy', (
    'apply', 'apply_async', 'close', 'imap', 'imap_unordered', 'join',
    'map', 'map_async', 'starmap', 'starmap_async', 'terminate'))
PoolProxy._method_to_typeid_ = {
    'apply_async': 'AsyncResult', 'map_async': 'AsyncResult', 'starmap_async': 'AsyncResult',
    'imap': 'Iterator', 'imap_unordered': 'Iterator'}
PoolProxy.__enter__ = lambda self: self
PoolProxy.__exit__ = lambda self, *exc_info: self.terminate()


SyncManager.register('Queue', queue.Queue)
SyncManager.register('JoinableQueue', queue.Queue)
SyncManager.register('Event', threading.Event, EventProxy)
SyncManager.register('Lock', threading.Lock, AcquirerProxy)
SyncManager.register('RLock', threading.RLock, AcquirerProxy)
SyncManager.register('Semaphore', threading.Semaphore, AcquirerProxy)
SyncManager.register('BoundedSemaphore', threading.BoundedSemaphore, AcquirerProxy)
SyncManager.register('Condition', threading.Condition, ConditionProxy)
SyncManager.register('Barrier', threading.Barrier, BarrierProxy)
SyncManager.register('list', list, ListProxy)
SyncManager.register('dict', dict, DictProxy)
SyncManager.register('Value', Value, ValueProxy)
SyncManager.register('Array', Array, ArrayProxy)
SyncManager.register('Namespace', Namespace, NamespaceProxy)
SyncManager.register('Pool', pool.Pool, PoolProxy)
# Types of the objects that methods of the others return
SyncManager.register('Iterator', proxytype=IteratorProxy, create_method=False)
SyncManager.register('AsyncResult', create_method=False)


def _default_context():
    from . import context
    return context._default_context.get_context()
