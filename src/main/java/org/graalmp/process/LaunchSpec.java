package org.graalmp.process;

import java.util.Map;

/**
 * What a child JVM starts with that the program may change between two {@code start()} calls:
 * the working directory and the environment. A warm JVM serves only a request for the very
 * same spec, so that a child sees what it would have seen if started at {@code start()}.
 */
record LaunchSpec(String cwd, Map<String, String> environment) {

    LaunchSpec {
        environment = Map.copyOf(environment);
    }

}
