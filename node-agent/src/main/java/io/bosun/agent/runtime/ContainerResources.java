package io.bosun.agent.runtime;

/**
 * The resources of one container, in the units the kernel takes.
 *
 * @param memoryLimitBytes the memory limit, or null for none
 * @param cpuLimitMillis the CPU limit in millicores, or null for none
 * @param cpuRequestMillis the CPU request in millicores (a relative weight), or null for none
 */
public record ContainerResources(
    Long memoryLimitBytes, Long cpuLimitMillis, Long cpuRequestMillis) {
  /** No limits and no requests. */
  public static final ContainerResources NONE = new ContainerResources(null, null, null);

  /** Whether any limit is set. */
  public boolean hasLimits() {
    return memoryLimitBytes != null || cpuLimitMillis != null;
  }
}
