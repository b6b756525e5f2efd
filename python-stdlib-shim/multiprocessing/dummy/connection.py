"""Listener, Client and Pipe between threads of one process, over queue.Queue."""

__all__ = ['Client', 'Listener', 'Pipe']

from queue import Queue

families = [None]


class Listener(object):
    """Accepts connections made by Client(listener.address) in the same process."""

    def __init__(self, address=None, family=None, backlog=1):
        self._backlog_queue = Queue(backlog)

    def accept(self):
        return Connection(*self._backlog_queue.get())

    def close(self):
        self._backlog_queue = None

    @property
    def address(self):
        return self._backlog_queue

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Client(address):
    """Connects to the Listener whose address is `address` (its queue of pending connections)."""
    to_listener, to_client = Queue(), Queue()
    address.put((to_listener, to_client))
    return Connection(to_client, to_listener)


def Pipe(duplex=True):
    """Two connected ends; objects pass by reference, as between threads they can."""
    a, b = Queue(), Queue()
    return Connection(a, b), Connection(b, a)


class Connection(object):
    """One end: receives from one queue, sends into the other."""

    def __init__(self, _in, _out):
        self._out = _out
        self._in = _in
        self.send = self.send_bytes = _out.put
        self.recv = self.recv_bytes = _in.get

    def poll(self, timeout=0.0):
        if self._in.qsize() > 0:
            return True
        if timeout <= 0.0:
            return False
        with self._in.not_empty:
            self._in.not_empty.wait(timeout)
        return self._in.qsize() > 0

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()
