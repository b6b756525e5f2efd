"""Connections between processes: not implemented in graalmp yet (issue #3)."""

from _graalmp.pending import missing

__all__ = ['Client', 'Listener', 'Pipe', 'wait', 'Connection']

Client = missing('multiprocessing.connection.Client', 3)
Listener = missing('multiprocessing.connection.Listener', 3)
Pipe = missing('multiprocessing.connection.Pipe', 3)
wait = missing('multiprocessing.connection.wait', 3)
Connection = missing('multiprocessing.connection.Connection', 3)
