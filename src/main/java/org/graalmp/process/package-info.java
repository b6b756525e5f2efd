/** Child processes as seen by their parent: start, wait, signal, exit codes. Exposed to the Python shim. */
package org.graalmp.process;
