/**
 * Managers: a server process hosting real Python objects (referents) that proxies in other
 * processes call. The transport, authentication, connection threads, the object table with its
 * per-process reference counts, and the dispatch of calls are here; the shim's
 * {@code multiprocessing/managers.py} creates referents, calls their methods and pickles.
 */
package org.graalmp.manager;
