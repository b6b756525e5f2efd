"""Benchmark (not a test): wall time of Pool(2).map with a tiny function and with a CPU-heavy one.

Run it as `python3 benchmarks/pool_map.py [spawn]` and as `./graalmp benchmarks/pool_map.py`
(`spawn` makes CPython start workers as graalmp does, instead of Linux's default fork). Each figure
includes starting the pool (a fresh Pool per measurement, as a short program would use it).
"""

import multiprocessing
import sys
import time


def tiny(x):
    return x + 1


def cpu_heavy(n):
    total = 0
    for i in range(3_000_000):
        total += i % 7
    return total + n


def timed(label, func, items):
    start = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        started = time.perf_counter()
        pool.apply(tiny, (0,))      # both wait for at least one worker to be up
        ready = time.perf_counter()
        result = pool.map(func, items)
        done = time.perf_counter()
    print(f'{label}: {done - start:.2f} s in all ({ready - started:.2f} s until a worker answered, '
          f'{done - ready:.2f} s for the map), {len(result)} results')


if __name__ == '__main__':
    if sys.argv[1:] == ['spawn']:
        multiprocessing.set_start_method('spawn')
    timed('map(tiny, range(10000))', tiny, range(10000))
    timed('map(cpu_heavy, range(8))', cpu_heavy, range(8))
