/** Writing and reading CRI-format container log files. */
package io.bosun.agent.logs.internal;
