package org.graalmp.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue between child JVMs and their parent, where a child's put on an unbounded Queue does not
 * wait for the root ({@link QueueHandle}): order per producer, items of a child that has ended,
 * and the puts that still wait (bounded, joinable).
 */
class QueueAcrossProcessesTests {

    @TempDir
    Path folder;

    @Test
    void postedPutsKeepEachProducersOrderAndAreThereOnceItHasEnded() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, queue

                def produce(q, tag, n):
                    for i in range(n):
                        q.put((tag, i))
                    q.put((tag, 'size seen by the producer', q.qsize() >= n))

                if __name__ == '__main__':
                    q = mp.Queue()
                    children = [mp.Process(target=produce, args=(q, tag, 300)) for tag in 'ab']
                    for p in children:
                        p.start()
                    for p in children:
                        p.join()
                    got = {'a': [], 'b': []}
                    try:
                        while True:
                            tag, *rest = q.get_nowait()
                            got[tag].append(rest)
                    except queue.Empty:
                        pass
                    for tag in 'ab':
                        print(tag, [r[0] for r in got[tag][:-1]] == list(range(300)), got[tag][-1])
                """);
        assertEquals(List.of(
                "a True ['size seen by the producer', True]",
                "b True ['size seen by the producer', True]"), run.lines(), run.toString());
    }

    @Test
    void boundedAndJoinableQueuesStillWaitForTheRoot() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, queue

                def fill(q, j):
                    q.put(1)
                    try:
                        q.put(2, timeout=0.1)
                    except queue.Full:
                        print('Full in the child')
                    j.put('task')
                    j.join()
                    print('joined in the child')

                if __name__ == '__main__':
                    q, j = mp.Queue(1), mp.JoinableQueue()
                    p = mp.Process(target=fill, args=(q, j))
                    p.start()
                    print('task', j.get())
                    j.task_done()
                    p.join()
                    print('left', q.get_nowait(), q.empty())
                """);
        // Lines of two processes: compared as a set, each process's order is forced by the queues.
        assertEquals(List.of("Full in the child", "joined in the child", "left 1 True", "task task"),
                run.lines().stream().sorted().toList(), run.toString());
    }
}
