package org.graalmp.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM: the same {@code java}, class path and JVM options as this
 * JVM, running {@link ChildMain}. Nothing secret goes on it: the payload (authkey included)
 * travels over the child's standard input.
 */
public record ChildCommand(Path javaExecutable, String classPath, List<String> jvmOptions) {

    /** The command that starts a child like this JVM. */
    public static ChildCommand ofCurrentJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(ChildCommand::isInherited)
                .toList();
        return new ChildCommand(java, System.getProperty("java.class.path"), options);
    }

    /** Debug agents and the like would clash on ports; everything else a child shares. */
    private static boolean isInherited(String option) {
        return !option.startsWith("-agentlib:") && !option.startsWith("-javaagent:")
                && !option.startsWith("-XX:AOTCacheOutput");
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        // No JVM signal handlers: SIGTERM kills a child on the spot, as it kills a CPython
        // child, even while the JVM is still starting (which it would otherwise report).
        command.add("-Xrs");
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        return command;
    }
}
