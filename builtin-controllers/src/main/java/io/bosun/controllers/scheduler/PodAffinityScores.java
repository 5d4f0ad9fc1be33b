package io.bosun.controllers.scheduler;

import io.bosun.controllers.scheduler.PodAffinity.Domain;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How much a pod's preferred pod affinity and anti-affinity, and the placed pods' terms about it,
 * favour each node, as Kubernetes' InterPodAffinity score counts: every placed pod adds the weight
 * of each of the new pod's preferred affinity terms that selects it to its domain, and takes off
 * those of its preferred anti-affinity terms; every placed pod's own terms that select the new pod
 * count the same way, its required affinity terms with weight {@value #HARD_AFFINITY_WEIGHT}. A
 * node's raw score is the sum over the domains it is in; {@link Scores} scales it to 0..100.
 */
final class PodAffinityScores {
  /** The weight of a placed pod's required affinity term that the new pod matches. */
  static final long HARD_AFFINITY_WEIGHT = 1;

  private PodAffinityScores() {}

  /** The raw score of each node in {@code candidates}, by name. */
  static Map<String, Long> raw(
      Pod pod,
      List<NodeInfo> all,
      List<NodeInfo> candidates,
      Function<String, Map<String, String>> namespaceLabels) {
    List<AffinityTerm> affinity = AffinityTerm.preferredAffinity(pod);
    List<AffinityTerm> anti = AffinityTerm.preferredAntiAffinity(pod);
    Map<Domain, Long> byDomain = new HashMap<>();
    // Without preferred terms of its own, only the placed pods' terms score: see PodAffinity.
    boolean ownTerms = !affinity.isEmpty() || !anti.isEmpty();
    for (NodeInfo node : all) {
      Map<String, String> labels = node.labels();
      for (Pod placed : ownTerms ? node.pods() : node.withAffinity()) {
        add(byDomain, labels, affinity, placed, namespaceLabels, 1);
        add(byDomain, labels, anti, placed, namespaceLabels, -1);
        if (AffinityTerm.hasAny(placed)) {
          for (AffinityTerm term : AffinityTerm.requiredAffinity(placed)) {
            if (term.matches(pod, namespaceLabels)) {
              plus(byDomain, labels, term.topologyKey(), HARD_AFFINITY_WEIGHT);
            }
          }
          add(byDomain, labels, AffinityTerm.preferredAffinity(placed), pod, namespaceLabels, 1);
          add(
              byDomain,
              labels,
              AffinityTerm.preferredAntiAffinity(placed),
              pod,
              namespaceLabels,
              -1);
        }
      }
    }
    Map<String, Long> scores = new HashMap<>();
    for (NodeInfo node : candidates) {
      Map<String, String> labels = node.labels();
      long score = 0;
      for (Map.Entry<Domain, Long> entry : byDomain.entrySet()) {
        if (entry.getKey().value().equals(labels.get(entry.getKey().key()))) {
          score += entry.getValue();
        }
      }
      scores.put(node.name(), score);
    }
    return scores;
  }

  /** Adds {@code sign} times the weight of each term that selects {@code target}. */
  private static void add(
      Map<Domain, Long> byDomain,
      Map<String, String> labels,
      List<AffinityTerm> terms,
      Pod target,
      Function<String, Map<String, String>> namespaceLabels,
      long sign) {
    for (AffinityTerm term : terms) {
      if (term.matches(target, namespaceLabels)) {
        plus(byDomain, labels, term.topologyKey(), sign * term.weight());
      }
    }
  }

  private static void plus(
      Map<Domain, Long> byDomain, Map<String, String> labels, String key, long amount) {
    String value = labels.get(key);
    if (value != null && amount != 0) {
      byDomain.merge(new Domain(key, value), amount, Long::sum);
    }
  }
}
