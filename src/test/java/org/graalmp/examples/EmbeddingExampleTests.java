package org.graalmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@link EmbeddingExample}: the program's exit status comes back through the Java API. */
class EmbeddingExampleTests {

    @Test
    void exampleRunsAChildAndReturnsTheProgramsStatus(@TempDir Path folder) throws Exception {
        assertEquals(7, EmbeddingExample.run(folder));
    }
}
