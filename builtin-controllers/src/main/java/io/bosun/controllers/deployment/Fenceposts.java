package io.bosun.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * The bounds of a rolling update: how many pods above the desired count may exist (maxSurge) and
 * how many of the desired may be unavailable (maxUnavailable), from a number or a percentage of the
 * desired count. As in Kubernetes, a surge percentage rounds up, an unavailability one rounds down,
 * and when both come out zero one pod may be unavailable so that the rollout can move.
 */
final class Fenceposts {
  static final String RECREATE = "Recreate";
  static final String ROLLING_UPDATE = "RollingUpdate";

  /** Kubernetes' defaults when a rolling update names no bounds: 25% each. */
  private static final IntOrString DEFAULT_BOUND = new IntOrString("25%");

  private Fenceposts() {}

  static boolean isRollingUpdate(Deployment d) {
    return !RECREATE.equals(strategyType(d));
  }

  static String strategyType(Deployment d) {
    return d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getType() == null
        ? ROLLING_UPDATE
        : d.getSpec().getStrategy().getType();
  }

  /** The desired number of pods; 1 when unset. */
  static int desired(Deployment d) {
    Integer replicas = d.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  /** The surge: 0 for Recreate. */
  static int maxSurge(Deployment d) {
    if (!isRollingUpdate(d)) {
      return 0;
    }
    return resolve(d)[0];
  }

  /** The unavailability allowed: 0 for Recreate or no replicas, at most the desired count. */
  static int maxUnavailable(Deployment d) {
    int desired = desired(d);
    if (!isRollingUpdate(d) || desired == 0) {
      return 0;
    }
    return Math.min(resolve(d)[1], desired);
  }

  /** {@code [surge, unavailable]} for the deployment's desired count. */
  private static int[] resolve(Deployment d) {
    RollingUpdateDeployment rolling =
        d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    IntOrString surgeBound =
        rolling == null || rolling.getMaxSurge() == null ? DEFAULT_BOUND : rolling.getMaxSurge();
    IntOrString unavailableBound =
        rolling == null || rolling.getMaxUnavailable() == null
            ? DEFAULT_BOUND
            : rolling.getMaxUnavailable();
    int desired = desired(d);
    int surge = scaled(surgeBound, desired, true);
    int unavailable = scaled(unavailableBound, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new int[] {surge, unavailable};
  }

  /**
   * A number as is, or a percentage of {@code total} rounded up or down.
   *
   * @throws IllegalArgumentException for a string that is not a percentage
   */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    String text = value.getStrVal() == null ? "" : value.getStrVal().trim();
    if (!text.endsWith("%")) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid value \"" + text + "\"");
    }
    int percent;
    try {
      percent = Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid value \"" + text + "\"");
    }
    long scaled = (long) percent * total;
    return (int) (roundUp ? -Math.floorDiv(-scaled, 100) : Math.floorDiv(scaled, 100));
  }
}
