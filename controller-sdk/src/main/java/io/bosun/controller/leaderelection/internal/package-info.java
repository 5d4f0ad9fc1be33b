/** The election's engine: the Lease's record, its rules, and the lock that reads and writes it. */
package io.bosun.controller.leaderelection.internal;
