"""Messages per second through one Queue and one Pipe between two processes.

Run it under both interpreters, on the same machine, in the same session:

    python3 benchmarks/queue_pipe_throughput.py
    ./graalmp benchmarks/queue_pipe_throughput.py

A child produces N small items; the parent consumes them and checks that every one arrived,
in order. Start-up is not timed: the clock starts at the child's first message.
"""

import multiprocessing as mp
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20000


def produce_queue(q, n):
    for i in range(n):
        q.put(i)


def produce_pipe(conn, n):
    for i in range(n):
        conn.send(i)
    conn.close()


def measure(name, start_child, receive):
    child = start_child()
    first = receive()
    assert first == 0, first
    started = time.perf_counter()
    for expected in range(1, N):
        item = receive()
        assert item == expected, (item, expected)
    elapsed = time.perf_counter() - started
    child.join()
    print(f'{name}: {(N - 1) / elapsed:,.0f} messages/s ({N} small ints)')


def main():
    q = mp.Queue()
    measure('Queue', lambda: _started(mp.Process(target=produce_queue, args=(q, N))), q.get)
    reader, writer = mp.Pipe(duplex=False)
    measure('Pipe', lambda: _started(mp.Process(target=produce_pipe, args=(writer, N))), reader.recv)


def _started(process):
    process.start()
    return process


if __name__ == '__main__':
    main()
