"""The AOT cache's training run (see ../../../graalmp): what most programs do first.

Starts a child, passes it a Queue and a Pipe end, and takes a message from each, so that the
classes of start-up, spawning, the hub and the usual modules are in the cache.
"""
import multiprocessing
import pickle
import queue
import threading
import time


def child(q, conn):
    q.put(('hello', 1))
    conn.send(b'x' * 1024)
    conn.close()


if __name__ == '__main__':
    q = multiprocessing.Queue()
    reader, writer = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=child, args=(q, writer))
    p.start()
    writer.close()
    assert q.get(timeout=120) == ('hello', 1)
    assert reader.recv() == b'x' * 1024
    p.join()
    lock = multiprocessing.Lock()
    with lock:
        pickle.loads(pickle.dumps({'a': [1, 2.0, 'x']}))
    print('trained', p.exitcode, threading.active_count() >= 1, queue.Empty, time.time() > 0)
