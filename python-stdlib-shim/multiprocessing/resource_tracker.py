"""CPython's resource tracker: a process that unlinks named semaphores and shared memory
left behind by processes that died.

graalmp has no such resources: its locks live in Java in the root process, and its shared
memory files sit in a private folder the root removes when it exits, however it exits but
for SIGKILL. So there is nothing to track; the functions keep CPython's signatures and check
the resource type as CPython does.
"""

import os

__all__ = ['ensure_running', 'register', 'unregister']

# CPython's tracker knows these kinds; each maps to the function that would clean one up.
_CLEANUP_FUNCS = {'noop': lambda name: None}


class ResourceTracker(object):

    def __init__(self):
        self._fd = None
        self._pid = None

    def getfd(self):
        return self._fd

    def ensure_running(self):
        """Nothing to start: graalmp's root process cleans up after its children."""

    def _check_alive(self):
        return False

    def register(self, name, rtype):
        self._check(name, rtype)

    def unregister(self, name, rtype):
        self._check(name, rtype)

    def _check(self, name, rtype):
        if rtype not in _CLEANUP_FUNCS:
            raise ValueError('Cannot register %s for automatic cleanup: '
                             'unknown resource type %s' % (name, rtype))
        if len(name) > 512:
            raise ValueError('msg too long')
        os.fspath(name)


_resource_tracker = ResourceTracker()
ensure_running = _resource_tracker.ensure_running
register = _resource_tracker.register
unregister = _resource_tracker.unregister
getfd = _resource_tracker.getfd
