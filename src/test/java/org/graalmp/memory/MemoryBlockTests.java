package org.graalmp.memory;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** Unit tests for {@link MemoryFiles}, {@link MemoryBlock} and {@link ElementView}. */
class MemoryBlockTests {

    private final MemoryFiles files = new MemoryFiles();

    @AfterEach
    void removeFiles() {
        files.close();
    }

    @Test
    void blocksAreZeroFilledPrivateFilesInAPrivateFolder() throws Exception {
        Path file = files.create(24);
        MemoryBlock block = MemoryBlock.map(file);
        assertAll(
                () -> assertEquals(files.folder(), file.getParent()),
                () -> assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.folder()))),
                () -> assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file))),
                () -> assertEquals(24, block.size()),
                () -> assertEquals("\0".repeat(24), block.read(0, 24)),
                () -> assertEquals(0L, block.view("q").get(2)));
    }

    @Test
    void twoMappingsOfOneFileSeeEachOthersWrites() throws Exception {
        Path file = files.create(16);
        ElementView writer = MemoryBlock.map(file).view("i");
        ElementView reader = MemoryBlock.map(file).view("i");
        writer.set(3, Value.asValue(123456L));
        MemoryBlock.map(file).write(0, new byte[] {'a', 'b'});
        assertAll(
                () -> assertEquals(123456L, reader.get(3)),
                () -> assertEquals(4, reader.length()),
                () -> assertEquals("ab", MemoryBlock.map(file).read(0, 2)));
    }

    @Test
    void storingKeepsTheLowBitsAndReadingHonoursSignedness() throws Exception {
        MemoryBlock block = MemoryBlock.map(files.create(8));
        block.view("b").set(0, Value.asValue(300L));
        block.view("H").set(1, Value.asValue(-1L));
        block.view("f").set(1, Value.asValue(1e300));
        assertAll(
                () -> assertEquals(44L, block.view("b").get(0)),
                () -> assertEquals(44L, block.view("B").get(0)),
                () -> assertEquals(65535L, block.view("H").get(1)),
                () -> assertEquals(-1L, block.view("h").get(1)),
                () -> assertEquals(Double.POSITIVE_INFINITY, block.view("f").get(1)),
                () -> assertEquals(true, block.view("?").get(0)));
    }

    @Test
    void setEachWritesAStridedSlice() throws Exception {
        MemoryBlock block = MemoryBlock.map(files.create(5 * 8));
        ElementView doubles = block.view("d");
        try (Context context = Context.create()) {  // a proxied array needs a context to be read through
            doubles.setEach(4, -2, context.asValue(ProxyArray.fromArray(1.5, 2.5, 3.5)));
        }
        assertAll(
                () -> assertEquals(3.5, doubles.get(0)),
                () -> assertEquals(0.0, doubles.get(1)),
                () -> assertEquals(2.5, doubles.get(2)),
                () -> assertEquals(1.5, doubles.get(4)),
                () -> assertThrows(IndexOutOfBoundsException.class, () -> doubles.get(5)),
                () -> assertThrows(IllegalArgumentException.class, () -> block.view("x")));
    }

    @Test
    void closeRemovesEveryBlockAndTheFolderWhileMappingsStayUsable() throws Exception {
        Path first = files.create(8);
        files.create(0);
        MemoryBlock mapped = MemoryBlock.map(first);
        Path folder = files.folder();
        files.close();
        mapped.view("l").set(0, Value.asValue(7L));
        assertAll(
                () -> assertFalse(Files.exists(folder)),
                () -> assertEquals(7L, mapped.view("l").get(0)),
                () -> assertTrue(folder.getFileName().toString().startsWith("graalmp-mem-" + ProcessHandle.current().pid() + "-")));
    }
}
