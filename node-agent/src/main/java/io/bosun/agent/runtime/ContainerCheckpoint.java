package io.bosun.agent.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * What a runtime needs to take a container back after the agent restarts: its ID and whatever the
 * runtime keeps about it, as strings so that it can be stored as JSON.
 *
 * @param id the container's ID
 * @param data runtime-specific fields
 */
public record ContainerCheckpoint(String id, Map<String, String> data) {
  /** Checks and copies the fields. */
  public ContainerCheckpoint {
    Objects.requireNonNull(id, "id");
    data = Map.copyOf(data);
  }
}
