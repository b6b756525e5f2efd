"""Corrections to what GraalPy's emulated POSIX layer reports, where a program would act on it.

GraalPy answers os.sysconf() from a table of POSIX minimums rather than from the system. For
SC_SEM_NSEMS_MAX that says 32, and concurrent.futures.ProcessPoolExecutor refuses to start
("system provides too few semaphores"). graalmp's semaphores are Java objects with no system
limit, and Linux itself reports -1 (no fixed limit), so that is what graalmp reports.
"""

import os

_UNLIMITED = {'SC_SEM_NSEMS_MAX'}


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

    sysconf._graalmp_corrected = True
    sysconf.__doc__ = system_sysconf.__doc__
    os.sysconf = sysconf
