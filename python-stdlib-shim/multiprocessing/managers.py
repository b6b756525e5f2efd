"""Managers: server processes that host shared objects: not implemented in graalmp yet (issue #4)."""

from _graalmp.pending import missing

__all__ = ['BaseManager', 'SyncManager', 'BaseProxy', 'Token', 'SharedMemoryManager']

BaseManager = missing('multiprocessing.managers.BaseManager', 4)
SyncManager = missing('multiprocessing.managers.SyncManager', 4)
BaseProxy = missing('multiprocessing.managers.BaseProxy', 4)
Token = missing('multiprocessing.managers.Token', 4)
SharedMemoryManager = missing('multiprocessing.managers.SharedMemoryManager', 4)
