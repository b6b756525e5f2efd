"""CPython's multiprocessing test suite under python3 and under ./graalmp, side by side.

    python3 cpython-suite/compare.py [CLASS ...] [--subset] [--timeout SECONDS] [--lib DIR]
                                     [--strict]

Runs each test class of the machine's CPython test/_test_multiprocessing.py (or the one under
--lib, the folder holding CPython's `test` package) for the spawn start method, class by class,
in one process per class and interpreter (a class that hangs costs its own timeout only), and
compares every test's outcome. Tests listed in cpython-suite/exclusions.txt are not run, each
with its reason there. --subset takes the classes in cpython-suite/subset.txt (the bounded part
the normal test run covers). Writes target/cpython-suite/report.md and results.json; --strict
exits 1 when a test that passes under CPython does not under graalmp.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DRIVER = HERE / 'driver.py'
EXCLUSIONS = HERE / 'exclusions.txt'
KNOWN_CAUSES = HERE / 'known-causes.txt'
SUBSET = HERE / 'subset.txt'
OUTPUT = ROOT / 'target' / 'cpython-suite'
INTERPRETERS = {'CPython': [sys.executable], 'graalmp': [str(ROOT / 'graalmp')]}
PASSED = {'passed', 'expected failure'}


def cpython_lib():
    """The folder holding the machine's CPython `test` package."""
    import test
    return str(Path(test.__path__[0]).parent)


def test_package_only(lib):
    """A folder holding nothing but a link to lib's `test` package: put on sys.path, it brings
    CPython's tests without CPython's standard library (GraalPy's own must serve)."""
    folder = OUTPUT / 'test-package'
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / 'test'
    if link.is_symlink() and os.readlink(link) != str(Path(lib) / 'test'):
        link.unlink()
    if not link.is_symlink():
        link.symlink_to(Path(lib) / 'test', target_is_directory=True)
    return str(folder)


def all_classes(lib):
    listing = subprocess.run([sys.executable, str(DRIVER), lib, '--list'],
                             capture_output=True, text=True, check=True)
    return listing.stdout.split()


def run_class(interpreter, lib, name, timeout, logs):
    """Outcomes by test id for one class under one interpreter, and how the run ended."""
    with tempfile.TemporaryDirectory(prefix='cpython-suite-') as work:
        results = Path(work) / 'results.json'
        log = logs / f'{name}.log'
        command = [*INTERPRETERS[interpreter], str(DRIVER), lib, str(results), name,
                   '--exclude', str(EXCLUSIONS)]
        started = time.monotonic()
        with open(log, 'w') as out:
            child = subprocess.Popen(command, cwd=work, stdout=out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
            try:
                child.wait(timeout)
                ending = f'exit {child.returncode}'
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                ending = f'timed out after {timeout} s'
        elapsed = time.monotonic() - started
        outcomes = json.loads(results.read_text()) if results.exists() else {}
        return outcomes, ending, elapsed


def category(cpython, graalmp):
    if cpython is None and graalmp is None:
        return 'excluded'
    c = cpython['outcome'] if cpython else 'did not run'
    g = graalmp['outcome'] if graalmp else 'did not run'
    if c == 'skipped' or g == 'skipped':
        return 'skipped'
    if c in PASSED and g in PASSED:
        return 'passed under both'
    if c in PASSED:
        return 'failed only under graalmp'
    if g in PASSED:
        return 'failed only under CPython'
    return 'failed under both'


CATEGORIES = ['passed under both', 'failed only under graalmp', 'skipped', 'failed under both',
              'failed only under CPython']


def compare(classes, lib, timeout):
    rows = {}
    for name in classes:
        runs = {}
        for interpreter in INTERPRETERS:
            logs = OUTPUT / 'logs' / interpreter
            logs.mkdir(parents=True, exist_ok=True)
            runs[interpreter] = run_class(interpreter, lib, name, timeout, logs)
        tests = sorted(set(runs['CPython'][0]) | set(runs['graalmp'][0]))
        rows[name] = {
            'endings': {i: runs[i][1] for i in runs},
            'seconds': {i: round(runs[i][2], 1) for i in runs},
            'tests': {test: {'CPython': runs['CPython'][0].get(test),
                             'graalmp': runs['graalmp'][0].get(test),
                             'category': category(runs['CPython'][0].get(test),
                                                  runs['graalmp'][0].get(test))}
                      for test in tests},
        }
        counts = Counter(t['category'] for t in rows[name]['tests'].values())
        print(f'{name}: ' + ', '.join(f'{counts[c]} {c}' for c in CATEGORIES if counts[c])
              + f'  ({rows[name]["seconds"]["CPython"]} s / {rows[name]["seconds"]["graalmp"]} s)',
              flush=True)
    return rows


def report(rows, excluded, causes):
    lines = ['# CPython multiprocessing test suite: python3 and graalmp', '',
             f'Excluded by cpython-suite/exclusions.txt: {len(excluded)} tests.', '',
             '| class | ' + ' | '.join(CATEGORIES) + ' | seconds (CPython / graalmp) |',
             '|' + ' --- |' * (len(CATEGORIES) + 2)]
    total = Counter()
    for name, row in rows.items():
        counts = Counter(t['category'] for t in row['tests'].values())
        total.update(counts)
        seconds = f'{row["seconds"]["CPython"]} / {row["seconds"]["graalmp"]}'
        ending = row['endings']['graalmp']
        if ending != 'exit 0':
            seconds += f' (graalmp: {ending})'
        lines.append(f'| {name} | ' + ' | '.join(str(counts[c]) for c in CATEGORIES) + f' | {seconds} |')
    lines.append('| **all** | ' + ' | '.join(f'**{total[c]}**' for c in CATEGORIES) + ' | |')
    lines += ['', '## Failed only under graalmp', '']
    for name, row in rows.items():
        for test, t in row['tests'].items():
            if t['category'] == 'failed only under graalmp':
                g = t['graalmp']
                cause = (causes.get(test)
                         or (f'{g["outcome"]}: {g["detail"]}' if g else f'did not run ({row["endings"]["graalmp"]})'))
                lines.append(f'- `{test}`: {cause}')
    lines += ['', '## Excluded (cpython-suite/exclusions.txt)', '']
    lines += [f'- `{test}`: {reason}' for test, reason in excluded.items()]
    return '\n'.join(lines) + '\n', total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('classes', nargs='*', help='test classes (default: all)')
    parser.add_argument('--subset', action='store_true', help='the classes in subset.txt')
    parser.add_argument('--timeout', type=float, default=900, help='seconds per class and interpreter')
    parser.add_argument('--lib', default=None, help="folder holding CPython's test package")
    parser.add_argument('--strict', action='store_true', help='exit 1 on a graalmp-only failure')
    args = parser.parse_args()
    lib = test_package_only(args.lib or cpython_lib())
    available = all_classes(lib)
    wanted = args.classes or (list(_reasons(SUBSET, required=False)) if args.subset else available)
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        parser.error('no such test class: ' + ', '.join(unknown))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    rows = compare(wanted, lib, args.timeout)
    text, total = report(rows, _reasons(EXCLUSIONS), _reasons(KNOWN_CAUSES))
    (OUTPUT / 'report.md').write_text(text)
    (OUTPUT / 'results.json').write_text(json.dumps(rows, indent=1))
    print(text)
    return 1 if args.strict and total['failed only under graalmp'] else 0


def _reasons(path, required=True):
    """{first word: rest of the line} for each line that is not blank or a comment; with
    required, a line without the rest is an error (every exclusion and cause says why)."""
    entries = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith('#'):
            continue
        name, _, reason = line.strip().partition(' ')
        if required and not reason.strip():
            sys.exit(f'{path.name}:{number}: {name} has no reason')
        entries[name] = reason.strip()
    return entries


if __name__ == '__main__':
    sys.exit(main())
