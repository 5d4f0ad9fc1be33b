package io.bosun.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amounts of resources by name ({@code cpu}, {@code memory}, {@code pods}, extended resources), as
 * decimal numbers of the resource's base unit: cores for cpu, bytes for memory.
 */
final class Resources {
  static final String CPU = "cpu";
  static final String MEMORY = "memory";
  static final String PODS = "pods";

  /** What scoring assumes a container without a cpu request uses, as Kubernetes does: 100m. */
  static final BigDecimal DEFAULT_CPU = new BigDecimal("0.1");

  /** What scoring assumes a container without a memory request uses: 200Mi. */
  static final BigDecimal DEFAULT_MEMORY = BigDecimal.valueOf(200L * 1024 * 1024);

  private Resources() {}

  /**
   * A pod's effective requests: the sum over its containers, or the largest init container's if
   * that is more (init containers run one at a time, before the others), plus the pod overhead. A
   * container with a limit and no request requests its limit, as the API's defaulting would set.
   */
  static Map<String, BigDecimal> requests(Pod pod) {
    PodSpec spec = pod.getSpec();
    Map<String, BigDecimal> sum = new HashMap<>();
    for (Container container : orEmpty(spec.getContainers())) {
      containerRequests(container)
          .forEach((name, amount) -> sum.merge(name, amount, BigDecimal::add));
    }
    for (Container init : orEmpty(spec.getInitContainers())) {
      containerRequests(init).forEach((name, amount) -> sum.merge(name, amount, BigDecimal::max));
    }
    if (spec.getOverhead() != null) {
      spec.getOverhead().forEach((name, q) -> sum.merge(name, amount(q), BigDecimal::add));
    }
    return sum;
  }

  /**
   * A pod's cpu and memory for scoring: containers without a request count with {@link
   * #DEFAULT_CPU} and {@link #DEFAULT_MEMORY}, so that many request-less pods still spread.
   */
  static Map<String, BigDecimal> nonZeroRequests(Pod pod) {
    BigDecimal cpu = BigDecimal.ZERO;
    BigDecimal memory = BigDecimal.ZERO;
    for (Container container : orEmpty(pod.getSpec().getContainers())) {
      Map<String, BigDecimal> requests = containerRequests(container);
      cpu = cpu.add(requests.getOrDefault(CPU, DEFAULT_CPU));
      memory = memory.add(requests.getOrDefault(MEMORY, DEFAULT_MEMORY));
    }
    return Map.of(CPU, cpu, MEMORY, memory);
  }

  /** The amounts in a quantity map, such as a node's {@code status.allocatable}. */
  static Map<String, BigDecimal> of(Map<String, Quantity> quantities) {
    Map<String, BigDecimal> amounts = new HashMap<>();
    if (quantities != null) {
      quantities.forEach((name, q) -> amounts.put(name, amount(q)));
    }
    return amounts;
  }

  private static Map<String, BigDecimal> containerRequests(Container container) {
    ResourceRequirements resources = container.getResources();
    Map<String, BigDecimal> requests = new HashMap<>();
    if (resources == null) {
      return requests;
    }
    if (resources.getLimits() != null) {
      resources.getLimits().forEach((name, q) -> requests.put(name, amount(q)));
    }
    if (resources.getRequests() != null) {
      resources.getRequests().forEach((name, q) -> requests.put(name, amount(q)));
    }
    return requests;
  }

  private static BigDecimal amount(Quantity quantity) {
    return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
