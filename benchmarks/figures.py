"""The benchmark figures: one program, only the public multiprocessing API.

    python3 benchmarks/figures.py FIGURE      # or: ./graalmp benchmarks/figures.py FIGURE

measures one figure and prints one JSON object on the last line of stdout:
{"figure": ..., "value": ..., "unit": ..., "ok": true, "detail": ...}. Each figure checks
its own result (counts, order, no loss or duplicates) and reports ok=false when the check
fails. Both interpreters use the spawn start method. compare_with_cpython.py runs every figure under both interpreters, with a timeout.
"""

import json
import multiprocessing as mp
import os
import subprocess
import sys
import time

FIGURES = {}


def figure(unit, lower_is_better=True):
    """Registers a measuring function under its name; it returns (value, ok, detail)."""
    def register(function):
        FIGURES[function.__name__] = (function, unit, lower_is_better)
        return function
    return register


# --- children run these (module level, so spawn children can find them) -------------------

def nothing():
    pass


def send_one(q):
    q.put('hello')


def produce(q, n, payload):
    for i in range(n):
        q.put((i, payload))


def produce_tagged(q, tag, n):
    for i in range(n):
        q.put((tag, i))


def consume_until_none(q, results):
    got = []
    while (item := q.get()) is not None:
        got.append(item)
    results.put(got)


def echo(conn, n):
    for _ in range(n):
        conn.send(conn.recv())


def send_blocks(conn, n, size):
    block = b'x' * size
    for _ in range(n):
        conn.send_bytes(block)
    conn.close()


def count_under_lock(lock, counter, n):
    for _ in range(n):
        with lock:
            counter.value += 1


def count_under_value_lock(value, n):
    for _ in range(n):
        with value.get_lock():
            value.value += 1


def answer_events(ping, pong, n):
    for _ in range(n):
        ping.wait()
        ping.clear()
        pong.set()


def tiny(x):
    return x + 1


def cpu_heavy(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def sleep_a_while(seconds):
    time.sleep(seconds)


def pid_after_a_while(_):
    time.sleep(0.05)
    return os.getpid()


def _await_workers(pool, n):
    """Returns once each of the pool's n workers has run a task: their start-up is not timed.

    One map is not enough: a worker that is up takes every item while the others still boot.
    """
    while len(set(pool.map(pid_after_a_while, range(n), chunksize=1))) < n:
        pass


def block_in_each(ready, q, conn, event, lock):
    """Blocks in get, recv, wait and acquire in turn, saying 'ready' before each."""
    ready.put('get')
    q.get()
    ready.put('recv')
    conn.recv()
    ready.put('wait')
    event.wait()
    ready.put('acquire')
    lock.acquire()
    lock.release()


# --- figures ---------------------------------------------------------------------------

def _timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


@figure('s per child')
def child_start_join():
    """Sequential start+join of one child that does nothing."""
    n = 3
    elapsed, codes = _timed(lambda: [_run_child(nothing) for _ in range(n)])
    return elapsed / n, codes == [0] * n, f'{n} children, exit codes {codes}'


def _run_child(target, args=()):
    p = mp.Process(target=target, args=args)
    p.start()
    p.join()
    return p.exitcode


@figure('s')
def start_8_children():
    """Start 8 children at once, join all."""
    def run():
        children = [mp.Process(target=nothing) for _ in range(8)]
        for p in children:
            p.start()
        for p in children:
            p.join()
        return [p.exitcode for p in children]
    elapsed, codes = _timed(run)
    return elapsed, codes == [0] * 8, f'exit codes {codes}'


@figure('s')
def start_to_first_message():
    """From start() to the parent receiving the child's first Queue item."""
    q = mp.Queue()
    p = mp.Process(target=send_one, args=(q,))
    elapsed, message = _timed(lambda: (p.start(), q.get(timeout=120))[1])
    p.join()
    return elapsed, message == 'hello', ''


@figure('s')
def start_to_first_message_after_idle():
    """start_to_first_message after 10 s of other work: the case a warm pool is for."""
    time.sleep(10)
    return start_to_first_message()


def _queue_throughput(n, payload):
    q = mp.Queue()
    p = mp.Process(target=produce, args=(q, n, payload))
    p.start()
    first = q.get(timeout=120)       # start-up is not timed
    started = time.perf_counter()
    items = [first] + [q.get(timeout=60) for _ in range(n - 1)]
    elapsed = time.perf_counter() - started
    p.join()
    ok = [i for i, _ in items] == list(range(n)) and all(data == payload for _, data in items)
    return (n - 1) / elapsed, ok, f'{n} items of {len(payload)} bytes, in order'


@figure('items/s', lower_is_better=False)
def queue_small_items():
    return _queue_throughput(5000, b'')


@figure('items/s', lower_is_better=False)
def queue_1kb_items():
    return _queue_throughput(3000, b'k' * 1024)


@figure('items/s', lower_is_better=False)
def queue_2_producers_2_consumers():
    n = 2000
    q, results = mp.Queue(), mp.Queue()
    producers = [mp.Process(target=produce_tagged, args=(q, tag, n)) for tag in 'ab']
    consumers = [mp.Process(target=consume_until_none, args=(q, results)) for _ in range(2)]
    for p in consumers + producers:
        p.start()
    started = time.perf_counter()
    for p in producers:
        p.join()
    q.put(None)
    q.put(None)
    got = results.get(timeout=120) + results.get(timeout=120)
    elapsed = time.perf_counter() - started
    for p in consumers:
        p.join()
    expected = {(tag, i) for tag in 'ab' for i in range(n)}
    ok = len(got) == len(expected) and set(got) == expected
    # Includes the producers' start-up: the figure is the end-to-end rate of the whole job.
    return 2 * n / elapsed, ok, f'{len(got)} received, {len(set(got))} distinct, of {2 * n}'


@figure('us per round trip')
def pipe_ping_pong():
    n = 2000
    here, there = mp.Pipe()
    p = mp.Process(target=echo, args=(there, n + 1))
    p.start()
    here.send(-1)
    here.recv()                       # warm-up: the child is running
    started = time.perf_counter()
    ok = True
    for i in range(n):
        here.send(i)
        ok = ok and here.recv() == i
    elapsed = time.perf_counter() - started
    p.join()
    return elapsed / n * 1e6, ok, f'{n} round trips'


@figure('MB/s', lower_is_better=False)
def pipe_bulk_1mb():
    n, size = 50, 1 << 20
    reader, writer = mp.Pipe(duplex=False)
    p = mp.Process(target=send_blocks, args=(writer, n + 1, size))
    p.start()
    writer.close()
    reader.recv_bytes()               # the first block: start-up is not timed
    started = time.perf_counter()
    sizes = [len(reader.recv_bytes()) for _ in range(n)]
    elapsed = time.perf_counter() - started
    p.join()
    return n * size / elapsed / 1e6, sizes == [size] * n, f'{n} messages of 1 MB'


@figure('increments/s', lower_is_better=False)
def lock_contended_increments():
    n = 1000
    lock, counter = mp.Lock(), mp.Value('i', 0, lock=False)
    children = [mp.Process(target=count_under_lock, args=(lock, counter, n)) for _ in range(2)]
    elapsed, _ = _timed(lambda: [p.start() for p in children] and [p.join() for p in children])
    # Includes start-up of two children; see value_increments_under_lock for the steady rate.
    return 2 * n / elapsed, counter.value == 2 * n, f'counter {counter.value} of {2 * n}'


@figure('increments/s', lower_is_better=False)
def value_increments_under_lock():
    n = 2000
    value = mp.Value('i', 0)
    elapsed, _ = _timed(lambda: count_under_value_lock(value, n))
    return n / elapsed, value.value == n, f'value {value.value} of {n}, in one process'


@figure('us per wake-up')
def event_wake_up():
    n = 200
    ping, pong = mp.Event(), mp.Event()
    p = mp.Process(target=answer_events, args=(ping, pong, n + 1))
    p.start()
    ok = True

    def round_trip():
        ping.set()
        woke = pong.wait(60)
        pong.clear()
        return woke
    ok = round_trip()                 # warm-up: the child is waiting
    started = time.perf_counter()
    for _ in range(n):
        ok = round_trip() and ok
    elapsed = time.perf_counter() - started
    p.join()
    # Two wake-ups per round trip: the child's and the parent's.
    return elapsed / (2 * n) * 1e6, ok, f'{n} round trips'


@figure('s')
def pool_map_10000_tiny():
    with mp.Pool(2) as pool:
        _await_workers(pool, 2)
        elapsed, result = _timed(lambda: pool.map(tiny, range(10000)))
    return elapsed, result == [x + 1 for x in range(10000)], '10,000 items'


CPU_ITEM = 1_000_000


@figure('s')
def pool_map_8_cpu_heavy():
    sequential, expected = _timed(lambda: [cpu_heavy(CPU_ITEM) for _ in range(8)])
    with mp.Pool(2) as pool:
        _await_workers(pool, 2)
        elapsed, result = _timed(lambda: pool.map(cpu_heavy, [CPU_ITEM] * 8))
    return elapsed, result == expected, (f'sequential in the parent {sequential:.2f} s, '
                                         f'speed-up {sequential / elapsed:.2f}x')


@figure('s')
def manager_start():
    elapsed, manager = _timed(mp.Manager)
    ok = manager.dict(a=1)['a'] == 1
    manager.shutdown()
    return elapsed, ok, 'Manager() until usable'


@figure('us per operation')
def manager_dict_operation():
    n = 1000
    with mp.Manager() as manager:
        d = manager.dict()
        started = time.perf_counter()
        for i in range(n):
            d[i] = i
        elapsed = time.perf_counter() - started
        ok = len(d) == n and d[n - 1] == n - 1
    return elapsed / n * 1e6, ok, f'{n} assignments'


@figure('CPU s per 5 s blocked')
def cpu_while_blocked():
    """The most CPU a child uses in 5 s blocked in get, recv, wait or acquire (Linux: read from
    /proc/PID/stat by the parent, so that both interpreters are measured the same way)."""
    ready, q, event, lock = mp.Queue(), mp.Queue(), mp.Event(), mp.Lock()
    parent_end, child_end = mp.Pipe()
    lock.acquire()
    p = mp.Process(target=block_in_each, args=(ready, q, child_end, event, lock))
    p.start()
    release = {'get': lambda: q.put(1), 'recv': lambda: parent_end.send(1),
               'wait': event.set, 'acquire': lock.release}
    used = {}
    for _ in release:
        call = ready.get(timeout=120)
        time.sleep(0.5)              # let it reach the blocking call
        before = _cpu_seconds(p.pid)
        time.sleep(5)
        used[call] = _cpu_seconds(p.pid) - before
        release[call]()
    p.join(60)
    worst = max(used.values())
    return worst, p.exitcode == 0, ', '.join(f'{k} {v:.3f} s' for k, v in used.items())


def _cpu_seconds(pid):
    # Through cat: GraalPy reads /proc files as empty (they report size 0).
    stat = subprocess.run(['cat', f'/proc/{pid}/stat'], capture_output=True, text=True).stdout
    fields = stat.rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')   # utime + stime


@figure('s')
def one_child_alive():
    """A child that lives 4 s: the runner reads its peak memory."""
    return _hold_children(1)


@figure('s')
def eight_children_alive():
    """Eight children that live 4 s at once: the runner reads the whole run's peak memory."""
    return _hold_children(8)


def _hold_children(n):
    children = [mp.Process(target=sleep_a_while, args=(4,)) for _ in range(n)]
    elapsed, _ = _timed(lambda: [p.start() for p in children] and [p.join() for p in children])
    codes = [p.exitcode for p in children]
    return elapsed, codes == [0] * n, f'{n} children, exit codes {codes}'


def main():
    # spawn under both: graalmp's only start method, and what CPython does on macOS/Windows.
    mp.set_start_method('spawn')
    name = sys.argv[1]
    function, unit, lower_is_better = FIGURES[name]
    try:
        value, ok, detail = function()
    except Exception as e:       # the figure failed: say so, do not hide it
        value, ok, detail = None, False, f'{type(e).__name__}: {e}'
    print(json.dumps({'figure': name, 'value': value, 'unit': unit, 'ok': bool(ok),
                      'lower_is_better': lower_is_better, 'detail': detail,
                      'pid': os.getpid()}))


if __name__ == '__main__':
    main()
