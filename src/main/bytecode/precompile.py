"""Compiles the standard library and graalmp's shim into the bytecode cache (see ../../../graalmp).

A python3 installation ships its standard library compiled, and python3 reads that bytecode
even when -B or PYTHONDONTWRITEBYTECODE stop it writing any. GraalPy's has none, so the launcher
runs this once per GraalPy version (and again when the shim changes) with sys.pycache_prefix set
to the cache every graalmp process reads. Files already compiled are skipped.
"""
import compileall
import os
import re
import sys

# Not imported by programs: tests, the IDE and Tk, the 2to3 tool, installed packages.
SKIPPED = re.compile(r'[/\\](test|tests|idlelib|tkinter|turtledemo|lib2to3|site-packages)[/\\]')


def main(shim):
    if not sys.pycache_prefix:
        sys.exit('precompile: no sys.pycache_prefix to compile into')
    stdlib = os.path.dirname(os.__file__)
    # A file that does not compile is reported above and fails again when imported; the rest
    # are still worth having.
    compileall.compile_dir(stdlib, quiet=1, rx=SKIPPED)
    compileall.compile_dir(shim, quiet=1)


if __name__ == '__main__':
    main(sys.argv[1])
