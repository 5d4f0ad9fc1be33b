/**
 * The manager: runs a process's controllers over one client and one set of shared informers,
 * starting the informers first and the controllers once they have synced (and, with a leader
 * election, only while this replica holds the Lease); stops them gracefully; and reports its health
 * as a {@link io.bosun.controller.manager.ManagerStatus} and, optionally, over HTTP ({@code
 * /healthz}, {@code /readyz}, {@code /metrics}).
 */
package io.bosun.controller.manager;
