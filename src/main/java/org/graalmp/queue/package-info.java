/** Queues shared between processes; they live in the root process and hold pickled items. */
package org.graalmp.queue;
