"""Corrections to GraalPy's emulated POSIX layer, where a program would act on what it says.

GraalPy answers os.sysconf() from a table of POSIX minimums rather than from the system. For
SC_SEM_NSEMS_MAX that says 32, and concurrent.futures.ProcessPoolExecutor refuses to start
("system provides too few semaphores"). graalmp's semaphores are Java objects with no system
limit, and Linux itself reports -1 (no fixed limit), so that is what graalmp reports.

GraalPy's os.kill() sends only KILL and TERM, and only to processes it spawned itself: for any
other pid, a graalmp child or this process among them, it raises ProcessLookupError. Java
signals them all.

GraalPy's os.getpid() takes 30-80 us in its interpreter; every lock acquire and release
asks for it, to name the owner. A GraalPy process cannot fork (it has no os.fork), so its pid
never changes: it is read once. Its Java POSIX backend has no os.getppid() at all (a Java error
that ends the program, which no except clause catches): Java answers it.
"""

import operator
import os
import sys

_UNLIMITED = {'SC_SEM_NSEMS_MAX'}


def _install(function, builtin):
    """Puts `function` in place of `builtin` in os and in its own module (posix), under the
    builtin's names, so that it pickles by reference as the builtin does (posix.getpid)."""
    function._graalmp_corrected = True
    function.__doc__ = builtin.__doc__
    function.__name__ = function.__qualname__ = builtin.__name__
    function.__module__ = builtin.__module__
    home = sys.modules.get(builtin.__module__)
    if home is not None and getattr(home, builtin.__name__, None) is builtin:
        setattr(home, builtin.__name__, function)
    setattr(os, builtin.__name__, function)


def correct_sysconf():
    system_sysconf = os.sysconf
    if getattr(system_sysconf, '_graalmp_corrected', False):
        return
    unlimited = {os.sysconf_names[name] for name in _UNLIMITED if name in os.sysconf_names}

    def sysconf(name):
        number = os.sysconf_names.get(name, name) if isinstance(name, str) else name
        if number in unlimited:
            return -1
        return system_sysconf(name)

    _install(sysconf, system_sysconf)


def correct_kill():
    graalpy_kill = os.kill
    if getattr(graalpy_kill, '_graalmp_corrected', False):
        return

    def kill(pid, signal, /):
        from _graalmp import java
        java.value(java.processes.signal(operator.index(pid), operator.index(signal)))

    _install(kill, graalpy_kill)


def correct_getpid():
    graalpy_getpid = os.getpid
    if getattr(graalpy_getpid, '_graalmp_corrected', False):
        return
    pid = graalpy_getpid()

    def getpid():
        return pid

    _install(getpid, graalpy_getpid)


def correct_getppid():
    graalpy_getppid = os.getppid
    if getattr(graalpy_getppid, '_graalmp_corrected', False):
        return

    def getppid():
        from _graalmp import java
        return java.processes.parentPid()

    _install(getppid, graalpy_getppid)
