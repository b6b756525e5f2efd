package org.graalmp.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the graalmp installation lives: the folder holding the {@code graalmp} launcher and
 * {@code python-stdlib-shim/}. Taken from the {@code graalmp.home} system property, which the
 * launcher sets; without it, the working directory is tried (a test run from the project root).
 */
public record GraalmpHome(Path root) {

    /** The system property naming the installation folder. */
    public static final String PROPERTY = "graalmp.home";

    public static GraalmpHome locate() {
        String configured = System.getProperty(PROPERTY);
        Path root = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
        GraalmpHome home = new GraalmpHome(root);
        if (!Files.isDirectory(home.shim())) {
            throw new IllegalStateException("no python-stdlib-shim/ under " + root
                    + ": set -D" + PROPERTY + "=<graalmp folder>");
        }
        return home;
    }

    /** graalmp's Python package folder, put ahead of GraalPy's standard library. */
    public Path shim() {
        return root.resolve("python-stdlib-shim");
    }

    /**
     * Where compiled bytecode is cached ({@code sys.pycache_prefix}): {@code target/pycache},
     * shared by every process of every program run from this installation.
     */
    public Path bytecodeCache() {
        return root.resolve("target").resolve("pycache");
    }

    /** The command-line launcher; {@code sys.executable} names it. */
    public Path launcher() {
        return root.resolve("graalmp");
    }
}
