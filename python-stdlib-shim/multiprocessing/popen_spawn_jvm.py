"""Starts a child process as a fresh JVM (graalmp's only start method, 'spawn')."""

import io
import os

from _graalmp import java

from . import context
from . import reduction
from . import spawn

__all__ = ['Popen']


def expect_children():
    """Has the warm pool start child JVMs for the present directory and environment; they
    prepare to run the main script (spawn.prepare_ahead)."""
    java.processes.expectChildren(os.getcwd(), _environment(), spawn.main_script_path())


def pickled_for_child(popen, *objects):
    """`objects` pickled one after the other, as a child's payload is: with `popen` as the
    spawning Popen, which lets shared objects be pickled (and counts pipe ends as its child's)."""
    payload = io.BytesIO()
    context.set_spawning_popen(popen)
    try:
        for obj in objects:
            reduction.dump(obj, payload)
    finally:
        context.set_spawning_popen(None)
    return payload.getvalue()


def _environment():
    return ['%s=%s' % item for item in os.environ.items()]


class Popen(object):
    """The handle on one child JVM, with CPython's Popen interface."""
    method = 'spawn'

    def __init__(self, process_obj):
        self.returncode = None
        self.finalizer = None
        self._launch(process_obj)

    def duplicate_for_child(self, fd):
        return fd

    def _launch(self, process_obj):
        # The JVM starts first (it takes a while) and the pickling happens meanwhile, with the
        # child's pid known: what is pickled for the child (pipe ends) is counted as its own.
        spawn._check_not_importing_main()
        # The role (set by Pool and managers) picks the JVM's flags: org.graalmp.launch.ChildRole.
        role = getattr(process_obj, '_jvm_role', 'process')
        self._child = java.processes.launch(os.getcwd(), _environment(), role)
        self.pid = self._child.pid()
        self.sentinel = self._child.sentinel()
        try:
            prep_data = spawn.get_preparation_data(process_obj._name)
            java.value(self._child.send(pickled_for_child(self, prep_data, process_obj)))
        except BaseException:
            self._child.kill()
            self._child.waitFor(-1.0)
            raise

    def poll(self, flag=os.WNOHANG):
        if self.returncode is None:
            if flag == os.WNOHANG:
                code = self._child.poll()
            else:
                code = self._child.waitFor(-1.0)
            if code is not None:
                self.returncode = int(code)
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None:
            seconds = -1.0 if timeout is None else max(0.0, float(timeout))
            code = self._child.waitFor(seconds)
            if code is not None:
                self.returncode = int(code)
        return self.returncode

    def _send_signal(self, send):
        if self.returncode is None and self.poll() is None:
            send()

    def terminate(self):
        self._send_signal(self._child.terminate)

    def kill(self):
        self._send_signal(self._child.kill)

    def close(self):
        if self.finalizer is not None:
            self.finalizer()
