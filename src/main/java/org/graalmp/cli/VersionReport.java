package org.graalmp.cli;

import org.graalvm.polyglot.Context;

/** The line {@code ./graalmp --version} prints: graalmp, GraalPy, Python and JDK versions. */
final class VersionReport {

    private VersionReport() {
    }

    static String describe() {
        String graalmp = VersionReport.class.getPackage().getImplementationVersion();
        try (Context context = Context.newBuilder("python").option("engine.WarnInterpreterOnly", "false").build()) {
            // The engine reports "Development Build" for Maven artifacts; GraalPy knows its own.
            String graalpy = context.eval("python",
                    "import sys; '.'.join(map(str, sys.implementation.version[:3]))").asString();
            String python = context.eval("python", "import platform; platform.python_version()").asString();
            return "graalmp %s (GraalPy %s, Python %s) on JDK %s (%s, %s)".formatted(
                    graalmp != null ? graalmp : "dev", graalpy, python,
                    System.getProperty("java.runtime.version"),
                    System.getProperty("java.vendor"),
                    System.getProperty("java.home"));
        }
    }
}
