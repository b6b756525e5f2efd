/**
 * Connections: pipes between the processes of a program (their state in the root process's
 * hub), sockets for {@code Listener}/{@code Client}, and {@code connection.wait} over both.
 */
package org.graalmp.connection;
