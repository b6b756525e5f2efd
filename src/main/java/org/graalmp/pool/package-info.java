/**
 * The scheduling state of {@code multiprocessing.Pool} and {@code ThreadPool}: pending tasks,
 * which worker holds which task, per-job results and the parent's event stream. It lives in the
 * root process as a shared object; the shim's Pool feeds tasks and reads results, workers pull
 * tasks, wherever they run.
 */
package org.graalmp.pool;
