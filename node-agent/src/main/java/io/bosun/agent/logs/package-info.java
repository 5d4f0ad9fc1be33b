/**
 * Container logs as the kubelet keeps them: one file per container run in the CRI format ({@code
 * <RFC 3339 time> <stream> <F|P> <text>}), rotated by size ({@link
 * io.bosun.agent.logs.LogRotation}), read back with the options of {@code kubectl logs}.
 */
package io.bosun.agent.logs;
