/** The conformance suite: every sample under CPython and under graalmp, compared by per-sample rules. */
package org.graalmp.conformance;
