/** Child JVMs: the command line that starts one and the entry point that runs inside it. */
package org.graalmp.launch;
