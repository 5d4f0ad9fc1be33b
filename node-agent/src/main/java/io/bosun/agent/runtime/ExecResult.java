package io.bosun.agent.runtime;

/**
 * The outcome of a command run beside a container.
 *
 * @param exitCode the command's exit code (-1 if it timed out)
 * @param output the start of its combined output
 * @param timedOut whether it was killed for running too long
 */
public record ExecResult(int exitCode, String output, boolean timedOut) {}
