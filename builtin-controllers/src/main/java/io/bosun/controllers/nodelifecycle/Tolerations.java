package io.bosun.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a pod may stay on a node with NoExecute taints, and for how long, as Kubernetes' taint
 * eviction controller decides it: each taint must be tolerated; the first toleration that tolerates
 * each taint is the one used; the shortest {@code tolerationSeconds} among the used tolerations
 * bounds the stay, and used tolerations without one let the pod stay for ever.
 */
final class Tolerations {
  private Tolerations() {}

  /** What becomes of a pod on a node with NoExecute taints. */
  sealed interface Verdict {}

  /** Some taint is not tolerated, or a used toleration has no time left: delete the pod now. */
  record EvictNow() implements Verdict {}

  /** Delete the pod once the taints have stood for {@code after}. */
  record EvictAfter(Duration after) implements Verdict {}

  /** Every taint is tolerated for ever (or there is none): the pod stays. */
  record Stay() implements Verdict {}

  /** The verdict on a pod with {@code tolerations} on a node with the NoExecute {@code taints}. */
  static Verdict verdict(List<Taint> taints, List<Toleration> tolerations) {
    if (taints.isEmpty()) {
      return new Stay();
    }
    List<Toleration> used = new ArrayList<>();
    for (Taint taint : taints) {
      Optional<Toleration> first =
          tolerations.stream().filter(t -> tolerates(t, taint)).findFirst();
      if (first.isEmpty()) {
        return new EvictNow();
      }
      used.add(first.get());
    }
    long shortest = Long.MAX_VALUE;
    for (Toleration toleration : used) {
      Long seconds = toleration.getTolerationSeconds();
      if (seconds == null) {
        continue;
      }
      if (seconds <= 0) {
        return new EvictNow();
      }
      shortest = Math.min(shortest, seconds);
    }
    return shortest == Long.MAX_VALUE ? new Stay() : new EvictAfter(Duration.ofSeconds(shortest));
  }

  /**
   * Whether {@code toleration} tolerates {@code taint} (v1.Toleration.ToleratesTaint): an empty
   * effect matches every effect, an empty key every key; {@code Exists} ignores the value, {@code
   * Equal} (or no operator) needs the same value.
   */
  static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = nullToEmpty(toleration.getEffect());
    if (!effect.isEmpty() && !effect.equals(nullToEmpty(taint.getEffect()))) {
      return false;
    }
    String key = nullToEmpty(toleration.getKey());
    if (!key.isEmpty() && !key.equals(nullToEmpty(taint.getKey()))) {
      return false;
    }
    return switch (nullToEmpty(toleration.getOperator())) {
      case "", "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
      case "Exists" -> true;
      default -> false;
    };
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
