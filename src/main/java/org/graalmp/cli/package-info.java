/** The {@code ./graalmp} command line: runs a Python file or string like {@code python3} does. */
package org.graalmp.cli;
