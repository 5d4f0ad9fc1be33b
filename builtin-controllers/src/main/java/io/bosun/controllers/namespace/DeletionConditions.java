package io.bosun.controllers.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The five conditions by which Kubernetes reports a namespace's deletion, with its wording. */
final class DeletionConditions {
  static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
  static final String PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
  static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
  static final String CONTENT_REMAINING = "NamespaceContentRemaining";
  static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

  private DeletionConditions() {}

  /** The conditions after one pass over every resource. */
  static List<NamespaceCondition> of(List<Contents.Remaining> remaining, Instant now) {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> resources = new TreeMap<>();
    Map<String, Integer> finalizers = new TreeMap<>();
    for (Contents.Remaining r : remaining) {
      if (r.failure() != null) {
        failures.add(r.groupResource() + ": " + r.failure().getMessage());
      }
      if (r.objects() > 0) {
        resources.put(r.groupResource(), r.objects());
      }
      r.finalizers().forEach((f, n) -> finalizers.merge(f, n, Integer::sum));
    }
    List<NamespaceCondition> conditions = new ArrayList<>();
    conditions.add(
        ok(DISCOVERY_FAILURE, "ResourcesDiscovered", "All resources successfully discovered", now));
    conditions.add(
        ok(
            PARSING_FAILURE,
            "ParsedGroupVersions",
            "All legacy kube types successfully parsed",
            now));
    conditions.add(
        failures.isEmpty()
            ? ok(
                CONTENT_FAILURE,
                "ContentDeleted",
                "All content successfully deleted, may be waiting on finalization",
                now)
            : condition(
                CONTENT_FAILURE,
                "True",
                "ContentDeletionFailed",
                "Failed to delete all resource types, "
                    + failures.size()
                    + " remaining: "
                    + String.join(", ", failures),
                now));
    conditions.add(
        resources.isEmpty()
            ? ok(CONTENT_REMAINING, "ContentRemoved", "All content successfully removed", now)
            : condition(
                CONTENT_REMAINING,
                "True",
                "SomeResourcesRemain",
                "Some resources are remaining: " + join(resources, " has %d resource instances"),
                now));
    conditions.add(
        finalizers.isEmpty()
            ? ok(
                FINALIZERS_REMAINING,
                "ContentHasNoFinalizers",
                "All content-preserving finalizers finished",
                now)
            : condition(
                FINALIZERS_REMAINING,
                "True",
                "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: "
                    + join(finalizers, " in %d resource instances"),
                now));
    return conditions;
  }

  /** The conditions when the server's resources could not be discovered. */
  static List<NamespaceCondition> discoveryFailed(Throwable failure, Instant now) {
    return List.of(
        condition(
            DISCOVERY_FAILURE,
            "True",
            "DiscoveryFailed",
            "Discovery failed: " + failure.getMessage(),
            now));
  }

  /** Whether two lists say the same, transition times aside. */
  static boolean same(List<NamespaceCondition> a, List<NamespaceCondition> b) {
    return keys(a).equals(keys(b));
  }

  /** {@code next}, with the transition times of conditions whose status did not change. */
  static List<NamespaceCondition> keepTransitionTimes(
      List<NamespaceCondition> current, List<NamespaceCondition> next) {
    List<NamespaceCondition> result = new ArrayList<>();
    for (NamespaceCondition c : next) {
      NamespaceCondition copy = new NamespaceConditionBuilder(c).build();
      current.stream()
          .filter(
              old ->
                  Objects.equals(old.getType(), c.getType())
                      && Objects.equals(old.getStatus(), c.getStatus()))
          .findFirst()
          .ifPresent(old -> copy.setLastTransitionTime(old.getLastTransitionTime()));
      result.add(copy);
    }
    return result;
  }

  private static List<String> keys(List<NamespaceCondition> conditions) {
    return conditions.stream()
        .map(c -> c.getType() + "|" + c.getStatus() + "|" + c.getReason() + "|" + c.getMessage())
        .sorted()
        .toList();
  }

  private static String join(Map<String, Integer> counts, String format) {
    List<String> parts = new ArrayList<>();
    counts.forEach((name, n) -> parts.add(name + String.format(format, n)));
    return String.join(", ", parts);
  }

  private static NamespaceCondition ok(String type, String reason, String message, Instant now) {
    return condition(type, "False", reason, message, now);
  }

  private static NamespaceCondition condition(
      String type, String status, String reason, String message, Instant now) {
    return new NamespaceConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }
}
