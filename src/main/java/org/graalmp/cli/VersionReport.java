package org.graalmp.cli;

import org.graalvm.polyglot.Engine;

/** The line {@code ./graalmp --version} prints: graalmp, GraalPy, Python and JDK versions. */
final class VersionReport {

    private VersionReport() {
    }

    static String describe() {
        String graalmp = VersionReport.class.getPackage().getImplementationVersion();
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            return "graalmp %s (GraalPy %s, Python %s) on JDK %s (%s, %s)".formatted(
                    graalmp != null ? graalmp : "dev",
                    engine.getVersion(),
                    engine.getLanguages().get("python").getVersion(),
                    System.getProperty("java.runtime.version"),
                    System.getProperty("java.vendor"),
                    System.getProperty("java.home"));
        }
    }
}
