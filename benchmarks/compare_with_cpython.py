"""Runs every benchmark figure under python3 and under ./graalmp, side by side.

    python3 benchmarks/compare_with_cpython.py [FIGURE ...] [--repeat N] [--timeout SECONDS]

Each figure is run N times (default 3) by benchmarks/figures.py under each interpreter, in
this same invocation and taking turns, so both are measured on the same machine under the
same load; the median of the N runs is the figure's value (single runs of some figures, CPython's
above all, move by several times from run to run). Prints CPython's value, graalmp's and the
ratio (graalmp / CPython for times, CPython / graalmp for rates: above 1 means graalmp is
slower), and writes everything, every run's value too, to target/benchmark.json. While a figure
runs, its process tree's resident memory is sampled; the two *_alive figures report it as peak
RSS. A figure that fails its own check, exits badly or times out in any run is reported, not
retried.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES_PROGRAM = ROOT / 'benchmarks' / 'figures.py'
INTERPRETERS = {'CPython': [sys.executable], 'graalmp': [str(ROOT / 'graalmp')]}
PAGE = os.sysconf('SC_PAGE_SIZE')


def figure_names():
    """The figures, in the order figures.py defines them (read without importing it)."""
    output = subprocess.run([sys.executable, '-c',
                             'import sys; sys.path[0] = sys.argv[1]; import figures; '
                             'print(*figures.FIGURES)', str(FIGURES_PROGRAM.parent)],
                            capture_output=True, text=True, check=True)
    return output.stdout.split()


def descendants_rss(root_pid):
    """Resident bytes of root_pid and every process below it, by pid."""
    parents, rss = {}, {}
    for entry in os.scandir('/proc'):
        if not entry.name.isdigit():
            continue
        try:
            with open(f'/proc/{entry.name}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * PAGE
    tree = {pid: size for pid, size in rss.items() if _descends(pid, root_pid, parents)}
    return tree


def _descends(pid, root_pid, parents):
    while pid > 1:
        if pid == root_pid:
            return True
        pid = parents.get(pid, 0)
    return False


class MemorySampler(threading.Thread):
    """Samples a process tree's RSS every 50 ms: the peak of the sum, and of one child."""

    def __init__(self, root_pid):
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.peak_total = 0
        self.peak_child = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.05):
            tree = descendants_rss(self.root_pid)
            self.peak_total = max(self.peak_total, sum(tree.values()))
            children = [size for pid, size in tree.items() if pid != self.root_pid]
            self.peak_child = max([self.peak_child, *children])


def measure(interpreter, figure, timeout):
    command = INTERPRETERS[interpreter] + [str(FIGURES_PROGRAM), figure]
    environment = dict(os.environ, PYTHONUNBUFFERED='1')
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env=environment, start_new_session=True)
    sampler = MemorySampler(process.pid)
    sampler.start()
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return {'ok': False, 'value': None, 'detail': f'timed out after {timeout} s'}
    finally:
        sampler.stopping.set()
        sampler.join()
    wall = time.perf_counter() - started
    try:
        result = json.loads(out.strip().splitlines()[-1])
    except (IndexError, ValueError):
        tail = (err.strip().splitlines() or ['no output'])[-1]
        return {'ok': False, 'value': None, 'detail': f'exit {process.returncode}: {tail}'}
    result.update(wall_s=round(wall, 3), peak_tree_rss_mb=round(sampler.peak_total / 2**20, 1),
                  peak_child_rss_mb=round(sampler.peak_child / 2**20, 1))
    if process.returncode != 0:
        result.update(ok=False, detail=f'exit {process.returncode}; ' + result.get('detail', ''))
    return result


def measure_repeatedly(figure, repeat, timeout):
    """Runs figure `repeat` times under each interpreter, taking turns; per interpreter, the
    median run (its value, peaks and details: the run itself when `repeat` is odd) and every
    run's value, or the first failed run."""
    runs = {interpreter: [] for interpreter in INTERPRETERS}
    for _ in range(repeat):
        for interpreter in INTERPRETERS:
            runs[interpreter].append(measure(interpreter, figure, timeout))
    return {interpreter: _median_run(results) for interpreter, results in runs.items()}


def _median_run(results):
    failed = [result for result in results if not result.get('ok')]
    if failed:
        return failed[0]
    median = dict(sorted(results, key=lambda result: result['value'])[(len(results) - 1) // 2])
    for key in ('value', 'peak_tree_rss_mb', 'peak_child_rss_mb'):
        median[key] = statistics.median(result[key] for result in results)
    median['runs'] = [result['value'] for result in results]
    return median


def ratio(cpython, graalmp):
    """How many times worse graalmp is: time over time, or rate over rate inverted."""
    if not (cpython.get('ok') and graalmp.get('ok')) or not cpython['value'] or not graalmp['value']:
        return None
    if cpython['lower_is_better']:
        return graalmp['value'] / cpython['value']
    return cpython['value'] / graalmp['value']


def memory_rows(results):
    """Peak RSS figures, read from the sampler during the *_alive figures."""
    rows = []
    for figure, label, key in [('one_child_alive', 'peak RSS of one child', 'peak_child_rss_mb'),
                               ('eight_children_alive', 'peak RSS, whole run with 8 children',
                                'peak_tree_rss_mb')]:
        if figure in results:
            pair = results[figure]
            values = {name: pair[name].get(key) for name in INTERPRETERS}
            rows.append((label, 'MB', values['CPython'], values['graalmp'],
                         values['graalmp'] / values['CPython']
                         if values['CPython'] and values['graalmp'] else None))
    return rows


def format_value(value):
    if value is None:
        return 'FAILED'
    return f'{value:,.3f}' if abs(value) < 100 else f'{value:,.0f}'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('figures', nargs='*', help='figures to run (default: all)')
    parser.add_argument('--repeat', type=int, default=3, help='runs per figure and interpreter (the median counts)')
    parser.add_argument('--timeout', type=float, default=300, help='seconds per run')
    parser.add_argument('--output', default=str(ROOT / 'target' / 'benchmark.json'))
    options = parser.parse_args()
    names = options.figures or figure_names()
    results, rows = {}, []
    print(f'{"figure":34} {"unit":18} {"CPython":>12} {"graalmp":>12} {"ratio":>8}  check', flush=True)
    for name in names:
        pair = measure_repeatedly(name, max(1, options.repeat), options.timeout)
        results[name] = pair
        r = ratio(pair['CPython'], pair['graalmp'])
        unit = pair['CPython'].get('unit') or pair['graalmp'].get('unit') or ''
        checks = '; '.join(f'{k}: {"ok" if v.get("ok") else "FAILED " + v.get("detail", "")}'
                           for k, v in pair.items())
        print(f'{name:34} {unit:18} {format_value(pair["CPython"].get("value")):>12} '
              f'{format_value(pair["graalmp"].get("value")):>12} '
              f'{(f"{r:.1f}x" if r else "-"):>8}  {checks}', flush=True)
        for interpreter, result in pair.items():
            if result.get('ok') and len(result['runs']) > 1:
                print(f'{"":34} {interpreter} runs: {", ".join(map(format_value, result["runs"]))}', flush=True)
            if result.get('ok') and result.get('detail'):
                print(f'{"":34} {interpreter}: {result["detail"]}', flush=True)
    for label, unit, cpython, graalmp, r in memory_rows(results):
        print(f'{label:34} {unit:18} {format_value(cpython):>12} {format_value(graalmp):>12} '
              f'{(f"{r:.1f}x" if r else "-"):>8}')
    Path(options.output).parent.mkdir(parents=True, exist_ok=True)
    Path(options.output).write_text(json.dumps({'figures': results, 'machine': os.uname().nodename,
                                                'cpus': os.cpu_count(), 'when': time.ctime(),
                                                'repeat': options.repeat}, indent=2))
    print(f'\nwritten to {options.output}')
    failed = [name for name, pair in results.items() if not all(r.get('ok') for r in pair.values())]
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
