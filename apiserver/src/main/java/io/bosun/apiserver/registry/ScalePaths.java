package io.bosun.apiserver.registry;

import java.util.Objects;

/**
 * Where a custom resource's {@code /scale} subresource finds its numbers, as simple JSON paths
 * ({@code .spec.replicas}).
 *
 * @param specReplicasPath the desired replicas, under {@code .spec}; written by scale updates
 * @param statusReplicasPath the observed replicas, under {@code .status}
 * @param labelSelectorPath the label selector in its string form, or null
 */
public record ScalePaths(
    String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
  public ScalePaths {
    Objects.requireNonNull(specReplicasPath, "specReplicasPath");
    Objects.requireNonNull(statusReplicasPath, "statusReplicasPath");
  }
}
