/**
 * Shared memory for {@code Value}, {@code Array} and their raw forms: each block is a file
 * that every process maps ({@link org.graalmp.memory.MemoryBlock}).
 *
 * <p>Ownership: blocks are always created by the root process ({@link
 * org.graalmp.memory.MemoryFiles}), a child asking for one through the hub (the {@code
 * "memory"} shared-object kind). So a block outlives the child that asked for it (another
 * child may still map it from a pickle), and the one folder holding every block is removed
 * when the root exits, on close or by its shutdown hook. A child maps a block by the path
 * that travels in the pickle; the folder is 0700, so only this user reaches it.
 */
package org.graalmp.memory;
