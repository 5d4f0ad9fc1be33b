package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;
import java.util.Map;

/** A pod's {@code nodeSelector} and node affinity, evaluated against a node. */
final class NodeAffinity {
  private NodeAffinity() {}

  /**
   * Whether the node has every {@code nodeSelector} label and matches at least one term of the
   * required node affinity (terms are ORed, a term's expressions ANDed).
   */
  static boolean required(Pod pod, Node node) {
    Map<String, String> labels = labels(node);
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    if (selector != null) {
      for (Map.Entry<String, String> entry : selector.entrySet()) {
        if (!entry.getValue().equals(labels.get(entry.getKey()))) {
          return false;
        }
      }
    }
    io.fabric8.kubernetes.api.model.NodeAffinity affinity = nodeAffinity(pod);
    NodeSelector required =
        affinity == null ? null : affinity.getRequiredDuringSchedulingIgnoredDuringExecution();
    if (required == null || required.getNodeSelectorTerms() == null) {
      return true;
    }
    for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** The summed weights of the preferred node affinity terms the node matches. */
  static long preferredWeight(Pod pod, Node node) {
    io.fabric8.kubernetes.api.model.NodeAffinity affinity = nodeAffinity(pod);
    if (affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null) {
      return 0;
    }
    long weight = 0;
    for (PreferredSchedulingTerm term :
        affinity.getPreferredDuringSchedulingIgnoredDuringExecution()) {
      if (term.getPreference() != null && matches(term.getPreference(), node)) {
        weight += term.getWeight() == null ? 0 : term.getWeight();
      }
    }
    return weight;
  }

  /** A term with no requirements matches no node, as in Kubernetes. */
  private static boolean matches(NodeSelectorTerm term, Node node) {
    List<NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
    List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
    if (expressions.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = labels(node);
    for (NodeSelectorRequirement requirement : expressions) {
      if (!matches(requirement, labels.get(requirement.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement requirement : fields) {
      // metadata.name is the one field Kubernetes supports here.
      String value =
          "metadata.name".equals(requirement.getKey()) ? node.getMetadata().getName() : null;
      if (!matches(requirement, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(NodeSelectorRequirement requirement, String value) {
    List<String> values = orEmpty(requirement.getValues());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt" -> compare(value, values) > 0;
      case "Lt" -> compare(value, values) < 0 && compare(value, values) != NOT_COMPARABLE;
      default -> false;
    };
  }

  private static final int NOT_COMPARABLE = Integer.MIN_VALUE;

  /**
   * Compares an integer label with the one integer value of Gt and Lt; anything else never fits.
   */
  private static int compare(String value, List<String> values) {
    if (value == null || values.size() != 1) {
      return NOT_COMPARABLE;
    }
    try {
      return Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
    } catch (NumberFormatException e) {
      return NOT_COMPARABLE;
    }
  }

  private static io.fabric8.kubernetes.api.model.NodeAffinity nodeAffinity(Pod pod) {
    Affinity affinity = pod.getSpec().getAffinity();
    return affinity == null ? null : affinity.getNodeAffinity();
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
