package io.bosun.agent.volume.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** The downward API: values of a pod's fields and of its containers' resources. */
public final class FieldRefs {
  private FieldRefs() {}

  /**
   * The value of {@code fieldPath} for env ({@code forVolume} false) or a downward API file.
   *
   * @throws InputException for a path the downward API does not offer there
   */
  public static String field(
      Pod pod, String fieldPath, String podIP, String hostIP, boolean forVolume)
      throws InputException {
    var meta = pod.getMetadata();
    String subscripted = subscript(fieldPath, "metadata.labels");
    if (subscripted != null) {
      return orEmpty(meta.getLabels()).getOrDefault(subscripted, "");
    }
    subscripted = subscript(fieldPath, "metadata.annotations");
    if (subscripted != null) {
      return orEmpty(meta.getAnnotations()).getOrDefault(subscripted, "");
    }
    switch (fieldPath) {
      case "metadata.name":
        return meta.getName();
      case "metadata.namespace":
        return meta.getNamespace();
      case "metadata.uid":
        return meta.getUid();
      default:
        break;
    }
    if (forVolume) {
      switch (fieldPath) {
        case "metadata.labels":
          return formatMap(meta.getLabels());
        case "metadata.annotations":
          return formatMap(meta.getAnnotations());
        default:
          throw new InputException("unsupported fieldPath: " + fieldPath);
      }
    }
    switch (fieldPath) {
      case "spec.nodeName":
        return pod.getSpec().getNodeName();
      case "spec.serviceAccountName":
        return pod.getSpec().getServiceAccountName();
      case "status.podIP":
      case "status.podIPs":
        return podIP;
      case "status.hostIP":
      case "status.hostIPs":
        return hostIP;
      default:
        throw new InputException("unsupported fieldPath: " + fieldPath);
    }
  }

  private static String subscript(String fieldPath, String prefix) {
    if (fieldPath.startsWith(prefix + "['") && fieldPath.endsWith("']")) {
      return fieldPath.substring(prefix.length() + 2, fieldPath.length() - 2);
    }
    return null;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** Labels or annotations as the kubelet writes them: sorted {@code key="value"} lines. */
  static String formatMap(Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> entry : new TreeMap<>(orEmpty(map)).entrySet()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(entry.getKey()).append('=').append(quote(entry.getValue()));
    }
    return out.toString();
  }

  /** Go's %q for the characters labels and annotations hold. */
  private static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A container resource for the downward API, divided by the selector's divisor and rounded up; a
   * limit that is not set is the node's allocatable amount, as the kubelet reports it.
   *
   * @throws InputException for a resource the downward API does not offer
   */
  public static String resource(
      Container container, ResourceFieldSelector selector, long allocCpuMillis, long allocMemory)
      throws InputException {
    String resource = selector.getResource();
    Quantity divisor = selector.getDivisor();
    BigDecimal by =
        divisor == null || divisor.getAmount() == null || divisor.getAmount().isEmpty()
            ? BigDecimal.ONE
            : divisor.getNumericalAmount();
    if (by.signum() <= 0) {
      throw new InputException("invalid divisor for resource " + resource);
    }
    BigDecimal value = amount(container, resource, allocCpuMillis, allocMemory);
    return value.divide(by, 0, RoundingMode.CEILING).toPlainString();
  }

  private static BigDecimal amount(
      Container container, String resource, long allocCpuMillis, long allocMemory)
      throws InputException {
    var resources = container.getResources();
    Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
    Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
    switch (resource) {
      case "limits.cpu":
        return quantity(limits, "cpu", BigDecimal.valueOf(allocCpuMillis).movePointLeft(3));
      case "limits.memory":
        return quantity(limits, "memory", BigDecimal.valueOf(allocMemory));
      case "limits.ephemeral-storage":
        return quantity(limits, "ephemeral-storage", BigDecimal.ZERO);
      case "requests.cpu":
        return quantity(requests, "cpu", BigDecimal.ZERO);
      case "requests.memory":
        return quantity(requests, "memory", BigDecimal.ZERO);
      case "requests.ephemeral-storage":
        return quantity(requests, "ephemeral-storage", BigDecimal.ZERO);
      default:
        throw new InputException("unsupported container resource: " + resource);
    }
  }

  private static BigDecimal quantity(Map<String, Quantity> map, String name, BigDecimal otherwise) {
    Quantity quantity = map == null ? null : map.get(name);
    return quantity == null ? otherwise : quantity.getNumericalAmount();
  }

  /** A quantity in millicores, or null. */
  public static Long cpuMillis(Map<String, Quantity> map) {
    Quantity quantity = map == null ? null : map.get("cpu");
    return quantity == null
        ? null
        : quantity
            .getNumericalAmount()
            .movePointRight(3)
            .setScale(0, RoundingMode.CEILING)
            .longValueExact();
  }

  /** A memory quantity in bytes, or null. */
  public static Long bytes(Map<String, Quantity> map) {
    Quantity quantity = map == null ? null : map.get("memory");
    return quantity == null
        ? null
        : quantity.getNumericalAmount().setScale(0, RoundingMode.CEILING).longValueExact();
  }
}
