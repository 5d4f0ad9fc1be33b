package io.bosun.agent.runtime;

/**
 * Whether a runtime enforces resource limits here.
 *
 * @param enforced true if CPU and memory limits are applied
 * @param message how they are applied, or why they cannot be
 */
public record ResourceEnforcement(boolean enforced, String message) {}
