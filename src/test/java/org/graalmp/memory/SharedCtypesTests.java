package org.graalmp.memory;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalmp.process.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value, Array, RawValue and RawArray driven from child JVMs, against CPython's behaviour
 * (expected strings were taken from CPython 3.11 running the same lines).
 */
class SharedCtypesTests {

    @TempDir
    Path folder;

    @Test
    void fourChildrenCountExactlyUnderTheValuesLock() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp
                def work(counter, tally, n):
                    for _ in range(n):
                        with counter.get_lock():
                            counter.value += 1
                    with tally.get_lock():
                        tally[0] += 1
                        tally[-1] += n
                if __name__ == '__main__':
                    counter, tally = mp.Value('i', 0), mp.Array('q', 2)
                    children = [mp.Process(target=work, args=(counter, tally, 100)) for _ in range(4)]
                    for c in children: c.start()
                    for c in children: c.join()
                    print(counter.value, tally[:], [c.exitcode for c in children])
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of("400 [4, 400] [0, 0, 0, 0]"), run.lines()));
    }

    @Test
    void arraysStringsAndCtypesTypesCrossToChildren() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, ctypes
                def fill(numbers, text, raw, flag, unguarded, guarded):
                    numbers[1:3] = [numbers[0] * 10, numbers[-1] * 10]
                    numbers[::-2] = [-1, -2]
                    text.value = b'child'
                    text[0] = b'C'
                    raw.value = 2.5
                    flag.value = True
                    unguarded[:] = 'xyz'
                    with guarded.get_lock():
                        guarded.value = guarded.value * 2
                if __name__ == '__main__':
                    numbers = mp.Array(ctypes.c_long, [1, 2, 3, 4])
                    text = mp.Array('c', 8)
                    raw = mp.RawValue(ctypes.c_double)
                    flag = mp.Value(ctypes.c_bool, False)
                    unguarded = mp.Array('u', 3, lock=False)
                    lock = mp.RLock()
                    guarded = mp.Value('d', 1.25, lock=lock)
                    p = mp.Process(target=fill, args=(numbers, text, raw, flag, unguarded, guarded))
                    p.start(); p.join()
                    print(numbers[:], numbers[::2], list(numbers), len(numbers))
                    print(text.value, text.raw, text[1:3], text[-1])
                    print(raw, flag, unguarded[:], type(unguarded).__name__)
                    print(guarded, guarded.get_lock() is lock, type(raw))
                    print(numbers, text)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "[1, -2, 40, -1] [1, 40] [1, -2, 40, -1] 4",
                        "b'Child' b'Child\\x00\\x00\\x00' b'hi' b'\\x00'",
                        "c_double(2.5) <Synchronized wrapper for c_bool(True)> xyz c_wchar_Array_3",
                        "<Synchronized wrapper for c_double(2.5)> True <class 'ctypes.c_double'>"),
                        run.lines().subList(0, 4)),
                () -> assertTrue(run.lines().get(4).matches(
                        "<SynchronizedArray wrapper for <multiprocessing.sharedctypes.c_long_Array_4 object at 0x\\p{XDigit}+>> "
                                + "<SynchronizedString wrapper for <multiprocessing.sharedctypes.c_char_Array_8 object at 0x\\p{XDigit}+>>"),
                        run.lines().get(4)));
    }

    @Test
    void aBlockOutlivesTheChildThatMadeItAndNoFileOutlivesTheProgram() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, os
                from _graalmp import ctypes_memory
                def make(q):
                    made = mp.RawArray('i', [7, 8, 9])
                    q.put(made._block.path())
                if __name__ == '__main__':
                    q = mp.Queue()
                    v = mp.Value('i', 1)
                    maker = mp.Process(target=make, args=(q,)); maker.start()
                    path = q.get(); maker.join()
                    later = ctypes_memory._rebuild('i', 3, path)  # what unpickling in another process does
                    print('mapped after its maker exited', later[:], maker.exitcode)
                    mine = os.path.dirname(v.get_obj()._block.path())
                    print('one folder', os.path.dirname(path) == mine, oct(os.stat(mine).st_mode & 0o777))
                    print('FOLDER', mine)
                """);
        Path blocks = Path.of(run.lines().stream().filter(line -> line.startsWith("FOLDER ")).findFirst()
                .orElseThrow(() -> new AssertionError(run.toString())).substring("FOLDER ".length()));
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertTrue(run.lines().contains("mapped after its maker exited [7, 8, 9] 0")),
                () -> assertTrue(run.lines().contains("one folder True 0o700")),
                () -> assertFalse(Files.exists(blocks), "left behind: " + blocks));
    }

    @Test
    void errorsAreCPythons() throws Exception {
        ScriptRun run = ScriptRun.of(folder, """
                import multiprocessing as mp, pickle
                from multiprocessing import sharedctypes
                def attempt(f):
                    try: print(repr(f()))
                    except Exception as e: print(type(e).__name__ + ':', e)
                def assign(target, key, value):
                    target[key] = value
                def store(target, name, value):
                    setattr(target, name, value)
                attempt(lambda: mp.Value('z'))
                attempt(lambda: mp.Value('i', 7, lock='x'))
                attempt(lambda: mp.Value('i', 1, 2))
                attempt(lambda: mp.Value('i', 7.5))
                attempt(lambda: mp.Value('d', 'x'))
                attempt(lambda: mp.Value('c', 'x'))
                attempt(lambda: mp.Value('u', b'x'))
                attempt(lambda: mp.RawArray('i', 'x'))
                attempt(lambda: mp.Array('i', -1))
                attempt(lambda: mp.Array('i', 3.0))
                attempt(lambda: mp.Array('i', 3)[3])
                attempt(lambda: mp.Array('i', 3)['a'])
                attempt(lambda: assign(mp.Array('i', 3), 'a', 1))
                attempt(lambda: assign(mp.Array('i', 3), slice(0, 2), [1]))
                attempt(lambda: store(mp.Array('c', 3), 'value', b'abcd'))
                attempt(lambda: store(mp.Array('c', 3), 'value', 'ab'))
                attempt(lambda: store(mp.Array('c', 3), 'raw', 'ab'))
                attempt(lambda: mp.Array('i', 3).value)
                attempt(lambda: pickle.dumps(mp.Value('i')))
                attempt(lambda: pickle.dumps(mp.RawArray('i', 2)))
                attempt(lambda: pickle.dumps(mp.RawValue('i', 2)))
                attempt(lambda: sharedctypes.copy(mp.Value('i')))
                attempt(lambda: sharedctypes.copy(mp.RawValue('i', 4)))
                attempt(lambda: sharedctypes.synchronized(mp.RawValue('h', 4)))
                attempt(lambda: mp.Value('b', 300).value)
                attempt(lambda: mp.Value('L', -1).value)
                """);
        assertAll(run.toString(),
                () -> assertEquals(0, run.status()),
                () -> assertEquals(List.of(
                        "TypeError: this type has no size",
                        "AttributeError: 'x' has no method 'acquire'",
                        "TypeError: __init__ expected at most 1 argument, got 2",
                        "TypeError: 'float' object cannot be interpreted as an integer",
                        "TypeError: must be real number, not str",
                        "TypeError: one character bytes, bytearray or integer expected",
                        "TypeError: unicode string expected instead of bytes instance",
                        "TypeError: 'str' object cannot be interpreted as an integer",
                        "ValueError: Array length must be >= 0, not -1",
                        "TypeError: object of type 'float' has no len()",
                        "IndexError: invalid index",
                        "TypeError: indices must be integers",
                        "TypeError: indices must be integer",
                        "ValueError: Can only assign sequence of same size",
                        "ValueError: byte string too long",
                        "TypeError: bytes expected instead of str instance",
                        "TypeError: a bytes-like object is required, not 'str'",
                        "AttributeError: 'SynchronizedArray' object has no attribute 'value'",
                        "RuntimeError: Synchronized objects should only be shared between processes through inheritance",
                        "PicklingError: Can't pickle <class 'multiprocessing.sharedctypes.c_int_Array_2'>:"
                                + " attribute lookup c_int_Array_2 on multiprocessing.sharedctypes failed",
                        "TypeError: cannot pickle 'mmap.mmap' object",
                        "TypeError: this type has no size",
                        "c_int(4)",
                        "<Synchronized wrapper for c_short(4)>",
                        "44",
                        "18446744073709551615"), run.lines()));
    }
}
