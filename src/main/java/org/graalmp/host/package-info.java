/** The embedding API: a GraalPy context with graalmp's {@code multiprocessing} ahead of the standard library. */
package org.graalmp.host;
