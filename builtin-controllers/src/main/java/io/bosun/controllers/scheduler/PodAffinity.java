package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The required pod affinity and anti-affinity of one pod against the pods already bound, counted
 * once per placement by topology domain (a node label's key and value) as Kubernetes'
 * InterPodAffinity filter counts them, then checked per node in its order:
 *
 * <ol>
 *   <li>for each required affinity term of the new pod, the node must have the term's topology
 *       label, and its domain a pod that all the terms select, unless no pod anywhere matches and
 *       the new pod matches its own terms (the first pod of a group that wants to be together);
 *   <li>for each required anti-affinity term of the new pod, the node's domain must have no pod the
 *       term selects;
 *   <li>no pod already placed in the node's domains may have a required anti-affinity term that
 *       selects the new pod (anti-affinity is symmetric).
 * </ol>
 */
final class PodAffinity {
  static final String EXISTING_ANTI_AFFINITY =
      "node(s) didn't satisfy existing pods anti-affinity rules";
  static final String AFFINITY = "node(s) didn't match pod affinity rules";
  static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

  /** A topology domain: nodes whose label {@code key} has {@code value}. */
  record Domain(String key, String value) {}

  private static final PodAffinity NONE =
      new PodAffinity(List.of(), List.of(), Map.of(), Map.of(), Map.of(), false);

  private final List<AffinityTerm> affinity;
  private final List<AffinityTerm> antiAffinity;
  private final Map<Domain, Integer> affinityCounts;
  private final Map<Domain, Integer> antiAffinityCounts;
  private final Map<Domain, Integer> existingAntiAffinityCounts;
  private final boolean matchesOwnAffinity;

  private PodAffinity(
      List<AffinityTerm> affinity,
      List<AffinityTerm> antiAffinity,
      Map<Domain, Integer> affinityCounts,
      Map<Domain, Integer> antiAffinityCounts,
      Map<Domain, Integer> existingAntiAffinityCounts,
      boolean matchesOwnAffinity) {
    this.affinity = affinity;
    this.antiAffinity = antiAffinity;
    this.affinityCounts = affinityCounts;
    this.antiAffinityCounts = antiAffinityCounts;
    this.existingAntiAffinityCounts = existingAntiAffinityCounts;
    this.matchesOwnAffinity = matchesOwnAffinity;
  }

  /** Counts what {@code pod}'s placement on any of {@code nodes} depends on. */
  static PodAffinity of(
      Pod pod, List<NodeInfo> nodes, Function<String, Map<String, String>> namespaceLabels) {
    List<AffinityTerm> affinity = AffinityTerm.requiredAffinity(pod);
    List<AffinityTerm> anti = AffinityTerm.requiredAntiAffinity(pod);
    Map<Domain, Integer> affinityCounts = new HashMap<>();
    Map<Domain, Integer> antiCounts = new HashMap<>();
    Map<Domain, Integer> existingAntiCounts = new HashMap<>();
    // Without terms of its own, only the placed pods' anti-affinity can keep the pod away: those
    // pods are few, and listed apart, so that most placements never look at the others.
    boolean ownTerms = !affinity.isEmpty() || !anti.isEmpty();
    for (NodeInfo node : nodes) {
      Map<String, String> labels = node.labels();
      for (Pod existing : ownTerms ? node.pods() : node.withAffinity()) {
        if (!affinity.isEmpty() && AffinityTerm.matchAll(affinity, existing, namespaceLabels)) {
          affinity.forEach(term -> count(affinityCounts, labels, term));
        }
        for (AffinityTerm term : anti) {
          if (term.matches(existing, namespaceLabels)) {
            count(antiCounts, labels, term);
          }
        }
        for (AffinityTerm term : AffinityTerm.requiredAntiAffinity(existing)) {
          if (term.matches(pod, namespaceLabels)) {
            count(existingAntiCounts, labels, term);
          }
        }
      }
    }
    if (affinity.isEmpty() && anti.isEmpty() && existingAntiCounts.isEmpty()) {
      return NONE;
    }
    return new PodAffinity(
        affinity,
        anti,
        affinityCounts,
        antiCounts,
        existingAntiCounts,
        AffinityTerm.matchAll(affinity, pod, namespaceLabels));
  }

  /** Why the pod may not go to the node, in Kubernetes' words; empty when it may. */
  Optional<String> reason(NodeInfo node) {
    Map<String, String> labels = node.labels();
    if (!satisfiesAffinity(labels)) {
      return Optional.of(AFFINITY);
    }
    for (AffinityTerm term : antiAffinity) {
      String value = labels.get(term.topologyKey());
      if (value != null && antiAffinityCounts.containsKey(new Domain(term.topologyKey(), value))) {
        return Optional.of(ANTI_AFFINITY);
      }
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (existingAntiAffinityCounts.containsKey(new Domain(label.getKey(), label.getValue()))) {
        return Optional.of(EXISTING_ANTI_AFFINITY);
      }
    }
    return Optional.empty();
  }

  private boolean satisfiesAffinity(Map<String, String> labels) {
    boolean podsThere = true;
    for (AffinityTerm term : affinity) {
      String value = labels.get(term.topologyKey());
      if (value == null) {
        return false;
      }
      if (!affinityCounts.containsKey(new Domain(term.topologyKey(), value))) {
        podsThere = false;
      }
    }
    return podsThere || affinityCounts.isEmpty() && matchesOwnAffinity;
  }

  private static void count(
      Map<Domain, Integer> counts, Map<String, String> labels, AffinityTerm term) {
    String value = labels.get(term.topologyKey());
    if (value != null) {
      counts.merge(new Domain(term.topologyKey(), value), 1, Integer::sum);
    }
  }
}
