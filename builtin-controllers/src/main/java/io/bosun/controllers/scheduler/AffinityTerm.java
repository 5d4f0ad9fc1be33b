package io.bosun.controllers.scheduler;

import io.bosun.controllers.labels.Selectors;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One pod affinity or anti-affinity term of a pod, with the namespaces it looks in resolved as
 * Kubernetes resolves them: the listed {@code namespaces} and those {@code namespaceSelector}
 * selects; the pod's own namespace when the term names neither. A null label selector selects no
 * pod, an empty one every pod; likewise for the namespace selector.
 *
 * @param topologyKey the node label whose value groups nodes into one domain (host, zone)
 * @param selector which pods the term is about
 * @param namespaces the namespaces named outright
 * @param namespaceSelector which further namespaces, by their labels; null for none
 * @param weight the weight of a preferred term; 1 for a required one
 */
record AffinityTerm(
    String topologyKey,
    LabelSelector selector,
    Set<String> namespaces,
    LabelSelector namespaceSelector,
    long weight) {

  /** The term as {@code owner} declares it. */
  static AffinityTerm of(Pod owner, PodAffinityTerm term, long weight) {
    List<String> named = term.getNamespaces() == null ? List.of() : term.getNamespaces();
    Set<String> namespaces =
        named.isEmpty() && term.getNamespaceSelector() == null
            ? Set.of(owner.getMetadata().getNamespace())
            : Set.copyOf(named);
    return new AffinityTerm(
        term.getTopologyKey(),
        term.getLabelSelector(),
        namespaces,
        term.getNamespaceSelector(),
        weight);
  }

  /** Whether the term selects {@code pod}, given the labels of each namespace. */
  boolean matches(Pod pod, Function<String, Map<String, String>> namespaceLabels) {
    String namespace = pod.getMetadata().getNamespace();
    boolean inNamespace =
        namespaces.contains(namespace)
            || namespaceSelector != null
                && Selectors.matches(namespaceSelector, namespaceLabels.apply(namespace));
    return inNamespace && Selectors.matches(selector, pod.getMetadata().getLabels());
  }

  /** Whether every term selects {@code pod}. */
  static boolean matchAll(
      List<AffinityTerm> terms, Pod pod, Function<String, Map<String, String>> namespaceLabels) {
    for (AffinityTerm term : terms) {
      if (!term.matches(pod, namespaceLabels)) {
        return false;
      }
    }
    return true;
  }

  /** The pod's required pod affinity terms. */
  static List<AffinityTerm> requiredAffinity(Pod pod) {
    io.fabric8.kubernetes.api.model.PodAffinity affinity = affinity(pod).getPodAffinity();
    return affinity == null
        ? List.of()
        : required(pod, affinity.getRequiredDuringSchedulingIgnoredDuringExecution());
  }

  /** The pod's required pod anti-affinity terms. */
  static List<AffinityTerm> requiredAntiAffinity(Pod pod) {
    io.fabric8.kubernetes.api.model.PodAntiAffinity anti = affinity(pod).getPodAntiAffinity();
    return anti == null
        ? List.of()
        : required(pod, anti.getRequiredDuringSchedulingIgnoredDuringExecution());
  }

  /** The pod's preferred pod affinity terms, with their weights. */
  static List<AffinityTerm> preferredAffinity(Pod pod) {
    io.fabric8.kubernetes.api.model.PodAffinity affinity = affinity(pod).getPodAffinity();
    return affinity == null
        ? List.of()
        : preferred(pod, affinity.getPreferredDuringSchedulingIgnoredDuringExecution());
  }

  /** The pod's preferred pod anti-affinity terms, with their weights. */
  static List<AffinityTerm> preferredAntiAffinity(Pod pod) {
    io.fabric8.kubernetes.api.model.PodAntiAffinity anti = affinity(pod).getPodAntiAffinity();
    return anti == null
        ? List.of()
        : preferred(pod, anti.getPreferredDuringSchedulingIgnoredDuringExecution());
  }

  /** Whether the pod declares any pod affinity or anti-affinity at all. */
  static boolean hasAny(Pod pod) {
    Affinity affinity = affinity(pod);
    return affinity.getPodAffinity() != null || affinity.getPodAntiAffinity() != null;
  }

  private static List<AffinityTerm> required(Pod pod, List<PodAffinityTerm> terms) {
    List<AffinityTerm> resolved = new ArrayList<>();
    if (terms != null) {
      terms.forEach(term -> resolved.add(of(pod, term, 1)));
    }
    return resolved;
  }

  private static List<AffinityTerm> preferred(Pod pod, List<WeightedPodAffinityTerm> terms) {
    List<AffinityTerm> resolved = new ArrayList<>();
    if (terms != null) {
      for (WeightedPodAffinityTerm term : terms) {
        if (term.getPodAffinityTerm() != null) {
          long weight = term.getWeight() == null ? 0 : term.getWeight();
          resolved.add(of(pod, term.getPodAffinityTerm(), weight));
        }
      }
    }
    return resolved;
  }

  private static Affinity affinity(Pod pod) {
    Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
    return affinity == null ? new Affinity() : affinity;
  }
}
