package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pod's quality-of-service class, for a pod whose status lacks it. */
final class QosClass {
  private QosClass() {}

  static String of(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    boolean any = false;
    boolean guaranteed = true;
    for (Container container : all) {
      var resources = container.getResources();
      Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
      Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
      for (String name : List.of("cpu", "memory")) {
        Quantity limit = limits == null ? null : limits.get(name);
        Quantity request = requests == null ? null : requests.get(name);
        any |= limit != null || request != null;
        if (limit == null
            || (request != null
                && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) != 0)) {
          guaranteed = false;
        }
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}
