"""Spawn semantics: what a child needs from its parent, and how the child starts from it.

The parent sends two pickles: the preparation data (name, sys.path, sys.argv, working
directory, authkey, the main module's path) and the Process object. The child applies the
first, imports the parent's main script as __mp_main__ (its `if __name__ == "__main__":`
block does not run), then unpickles the Process and runs it.
"""

import _ast
import _pickle  # what pickle re-exports; pickle.py (with re and enum) takes GraalPy 0.1 s
import importlib
import importlib.machinery
import io
import os
import runpy
import sys
import types

from . import process
from . import util

__all__ = ['_main', 'freeze_support', 'set_executable', 'get_executable',
           'get_preparation_data', 'get_command_line', 'import_main_path',
           'run_payload']

WINEXE = False
WINSERVICE = False

_python_exe = sys.executable


def set_executable(exe):
    global _python_exe
    _python_exe = os.fsdecode(exe) if exe is not None else None


def get_executable():
    return _python_exe


def is_forking(argv):
    """graalmp children never start through the command line of the Python executable."""
    return False


def freeze_support():
    """Nothing to do: graalmp is never frozen."""


def get_command_line(**kwds):
    """The command line of a child; graalmp's children are JVMs started by Java."""
    return [_python_exe, '-c', 'pass']


def _check_not_importing_main():
    if getattr(process.current_process(), '_inheriting', False):
        raise RuntimeError('''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        ''')


def get_preparation_data(name):
    """What the child named `name` needs to rebuild its parent's state."""
    _check_not_importing_main()
    data = dict(
        log_to_stderr=util._log_to_stderr,
        authkey=process.current_process().authkey,
        name=name,
        sys_path=list(sys.path),
        sys_argv=list(sys.argv),
        orig_dir=process.ORIGINAL_DIR,
        dir=os.getcwd(),
        start_method='spawn',
        hub=_hub(),
    )
    if util._logger is not None:
        data['log_level'] = util._logger.getEffectiveLevel()

    main_module = sys.modules.get('__main__')
    main_spec = getattr(main_module, '__spec__', None)
    if main_spec is not None and main_spec.name:
        data['init_main_from_name'] = main_spec.name
    else:
        main_path = main_script_path()
        if main_path is not None:
            data['init_main_from_path'] = main_path
    return data


def main_script_path():
    """The path a child runs the main module from, when it is a file: else None."""
    main_module = sys.modules.get('__main__')
    main_spec = getattr(main_module, '__spec__', None)
    if main_spec is not None and main_spec.name:
        return None  # run with -m: the child imports it by name
    main_path = getattr(main_module, '__file__', None)
    if main_path is None:
        return None
    if not os.path.isabs(main_path) and process.ORIGINAL_DIR is not None:
        main_path = os.path.join(process.ORIGINAL_DIR, main_path)
    return os.path.normpath(main_path)


def _hub():
    """Where the root process serves the shared objects: (address, key in hex)."""
    from _graalmp import java
    return (java.objects.hubAddress(), java.objects.hubKey())


def prepare(data):
    """Applies the parent's preparation data in the child."""
    if 'hub' in data:
        from _graalmp import java
        java.objects.connect(*data['hub'])
    if 'name' in data:
        process.current_process().name = data['name']
    if 'authkey' in data:
        process.current_process().authkey = data['authkey']
    if 'log_to_stderr' in data and data['log_to_stderr']:
        util.log_to_stderr()
    if 'log_level' in data:
        util.get_logger().setLevel(data['log_level'])
    if 'sys_path' in data:
        sys.path = data['sys_path']
    if 'sys_argv' in data:
        sys.argv = data['sys_argv']
    if 'dir' in data:
        os.chdir(data['dir'])
    if 'orig_dir' in data:
        process.ORIGINAL_DIR = data['orig_dir']
    if 'init_main_from_name' in data:
        _fixup_main_from_name(data['init_main_from_name'])
    elif 'init_main_from_path' in data:
        _fixup_main_from_path(data['init_main_from_path'])


def _install_main(module):
    sys.modules['__main__'] = sys.modules['__mp_main__'] = module


def _fixup_main_from_name(mod_name):
    if mod_name == '__main__' or mod_name.endswith('.__main__'):
        return
    main_module = types.ModuleType('__mp_main__')
    main_content = runpy.run_module(mod_name, run_name='__mp_main__', alter_sys=True)
    main_module.__dict__.update(main_content)
    _install_main(main_module)


def _fixup_main_from_path(main_path):
    main_name = os.path.splitext(os.path.basename(main_path))[0]
    if main_name == 'ipython':
        return
    main_module = types.ModuleType('__mp_main__')
    if main_path.endswith('.py') and os.path.isfile(main_path):
        main_content = _run_script(main_path, '__mp_main__')
    else:  # a directory or zip file with a __main__.py
        main_content = runpy.run_path(main_path, run_name='__mp_main__')
    main_module.__dict__.update(main_content)
    _install_main(main_module)


def _run_script(path, run_name):
    """runpy.run_path(path, run_name=run_name) for a plain .py file, with the same globals.

    run_path first asks pkgutil whether the path is a zip file or a directory; importing
    pkgutil (and typing with it) takes 0.2-0.3 s in GraalPy, in every child.
    """
    with io.open_code(os.path.abspath(path)) as file:
        source = file.read()
    if _compiled_ahead is not None and _compiled_ahead[:2] == (path, source):
        code = _compiled_ahead[2]
    else:
        code = compile(source, path, 'exec')
    running = types.ModuleType(run_name)
    running.__dict__.update(__file__=path, __cached__=None, __doc__=None, __loader__=None,
                            __package__='', __spec__=None)
    saved_module, saved_argv0 = sys.modules.get(run_name), sys.argv[0] if sys.argv else None
    sys.modules[run_name] = running
    if sys.argv:
        sys.argv[0] = path
    try:
        exec(code, running.__dict__)
    finally:
        if saved_module is None:
            sys.modules.pop(run_name, None)
        else:
            sys.modules[run_name] = saved_module
        if sys.argv:
            sys.argv[0] = saved_argv0
    return running.__dict__.copy()


# Standard modules whose import has visible effects: never imported ahead.
_NOT_AHEAD = frozenset({'this', 'antigravity', '__hello__', '__phello__', 'idlelib'})

# The standard library, and graalmp's package folder that stands in for part of it.
_STANDARD_FOLDERS = (os.path.dirname(os.__file__) + os.sep,
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep)

# (path, source, code) of the main script, compiled by prepare_ahead.
_compiled_ahead = None


def prepare_ahead(main_path):
    """What a spare child JVM does while it waits: compiles the parent's main script and imports
    the standard modules it imports at module level, as running it as __mp_main__ will.

    Modules found anywhere but in the standard library (or graalmp's package folder, which
    stands in for part of it) are left alone: importing them may have effects, and the
    script's folder may shadow a standard module. A script that changes sys.path gets no
    imports ahead. A module whose import warns (a deprecated one, say) is left for the main
    module, where the warning shows as in CPython.
    """
    global _compiled_ahead
    try:
        with io.open_code(main_path) as file:
            source = file.read()
        code = compile(source, main_path, 'exec')
        # Parsed again for the tree: compiling code from a tree is 5-10x slower in GraalPy.
        tree = compile(source, main_path, 'exec', _ast.PyCF_ONLY_AST)
    except (OSError, SyntaxError, ValueError):
        return  # the child will meet the same error, in its time
    _compiled_ahead = (main_path, source, code)
    if b'sys.path' in source:
        return
    folders = [os.path.dirname(main_path)] + [p for p in sys.path if p]
    for name in _module_level_imports(tree.body):
        if name not in sys.modules and _is_standard(name.partition('.')[0], folders):
            _import_unless_it_warns(name)


# How long a rehearsal waits for an item: far more than it takes, far less than forever.
_REHEARSAL_TIMEOUT = 10


def rehearse(hub, queue_id):
    """What a spare child JVM does next while it waits: a child's first steps, once, on a queue
    that the root keeps for rehearsals. It connects to the hub (prepare() finds it connected),
    unpickles a Process that holds a Queue, puts an item and gets one back.

    A fresh GraalPy context runs each step several times slower the first time than the next:
    measured, 15-25 ms to unpickle a child's Process with its Queue and 10-20 ms for the first
    put. Spares rehearsing at once may get each other's items, which are all alike. Returns
    whether the rehearsal went through; one that fails is over, and the child meets the
    problem, if it is one, in its time.
    """
    from _graalmp import java
    from . import context, popen_spawn_jvm, queues
    try:
        java.objects.connect(*hub)
        queue = queues.Queue.__new__(queues.Queue)
        queue.__setstate__((0, queue_id))
        stand_in = context._default_context.Process(target=os.getpid, args=(queue,))
        # Pickled as a parent pickles a child's Process; the stand-in is its own spawning Popen.
        payload = popen_spawn_jvm.pickled_for_child(stand_in, stand_in)
        rehearsed_queue = _pickle.load(io.BytesIO(payload))._args[0]
        rehearsed_queue.put('rehearsal')
        return rehearsed_queue.get(timeout=_REHEARSAL_TIMEOUT) == 'rehearsal'
    except Exception:
        return False


def _module_level_imports(statements):
    """Absolute module names imported at module level, outside `if __name__ == '__main__':`."""
    for node in statements:
        if isinstance(node, _ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, _ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.module
        elif isinstance(node, _ast.If):
            if not _is_main_guard(node.test):
                yield from _module_level_imports(node.body)
            yield from _module_level_imports(node.orelse)
        elif isinstance(node, _ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                yield from _module_level_imports(block)
        elif isinstance(node, _ast.With):
            yield from _module_level_imports(node.body)


def _is_main_guard(test):
    return (isinstance(test, _ast.Compare) and isinstance(test.left, _ast.Name)
            and test.left.id == '__name__')


def _is_standard(top_level, folders):
    if top_level in _NOT_AHEAD:
        return False
    if top_level in sys.builtin_module_names:
        return True
    spec = importlib.machinery.PathFinder.find_spec(top_level, folders)
    origin = spec and (spec.origin or next(iter(spec.submodule_search_locations or ()), None))
    return (isinstance(origin, str) and origin.startswith(_STANDARD_FOLDERS)
            and 'site-packages' not in origin and 'dist-packages' not in origin)


def _import_unless_it_warns(name):
    import warnings
    before = set(sys.modules)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            importlib.import_module(name)
        except Exception:
            caught.append(None)   # the main module will meet the error itself
    if caught:
        for added in set(sys.modules) - before:
            del sys.modules[added]


def import_main_path(main_path):
    """Sets sys.modules['__main__'] to the module at main_path."""
    _fixup_main_from_path(main_path)


def run_payload(payload):
    """The body of a child process: returns its exit code."""
    from .context import AuthenticationError  # noqa: F401  (imported before unpickling)
    stream = io.BytesIO(payload)
    current = process.current_process()
    current._inheriting = True
    try:
        preparation_data = _pickle.load(stream)
        prepare(preparation_data)
        process_obj = _pickle.load(stream)
    except SystemExit as e:
        return process._system_exit_code(e)
    except BaseException as e:
        from _graalmp.runner import report_uncaught
        report_uncaught(e, e.__traceback__)
        util._flush_std_streams()
        return 1
    finally:
        del current._inheriting
    return process_obj._bootstrap()


def _main(fd=None, parent_sentinel=None):
    raise RuntimeError('graalmp children start from Java (org.graalmp.launch.ChildMain)')
