/** Locks, semaphores and events shared between processes; they live in the root process. */
package org.graalmp.sync;
