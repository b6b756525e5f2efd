/** Bad input across the whole module: what the caller sees, held against CPython's behaviour. */
package org.graalmp.reliability;
