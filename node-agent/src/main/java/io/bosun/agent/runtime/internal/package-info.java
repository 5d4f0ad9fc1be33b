/**
 * The process runtime: a container is a session of host processes under an {@code sh} supervisor,
 * with named pipes for its output, an exit-code file, and a cgroup where the machine allows.
 */
package io.bosun.agent.runtime.internal;
