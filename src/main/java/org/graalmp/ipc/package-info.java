/**
 * Inter-process calls: the root process's hub (a Unix-domain socket in a private folder, with an
 * authkey handshake) and the client that other processes reach shared objects through.
 */
package org.graalmp.ipc;
