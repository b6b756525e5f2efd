package org.graalmp.launch;

import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives a child JVM the signal dispositions of a fresh CPython child: the operating system's
 * defaults for the signals the JVM takes over at start-up. SIGTERM and SIGHUP then end the
 * child on the spot (no shutdown hooks), as they end a CPython child, and SIGINT too until the
 * program installs a handler; and the program may install one, {@code SIG_IGN} included (as a
 * Pool initializer often does for SIGINT), which {@code -Xrs} would forbid.
 */
final class DefaultSignals {

    private static final List<String> TAKEN_BY_THE_JVM = List.of("TERM", "HUP", "INT");

    private DefaultSignals() {
    }

    /** Restores the defaults; in the JVM's first ~0.1 s its own handler exits 128+N (read as -N alike). */
    static void restore() {
        for (String name : TAKEN_BY_THE_JVM) {
            Signal.handle(new Signal(name), SignalHandler.SIG_DFL);
        }
    }
}
