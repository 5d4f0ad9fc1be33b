package io.bosun.controllers.endpoints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a Service's EndpointSlices should change, planned as Kubernetes' slice reconciler does but
 * simpler: endpoints stay in the slice that holds them; new ones fill slices with room, then new
 * slices; slices left empty go. A Service with no endpoints keeps one empty placeholder slice.
 *
 * @param updates the slices to keep, by name, with their new content (possibly unchanged)
 * @param creates the contents of the slices to create
 * @param deletes the names of the slices to delete
 */
record SlicePlan(Map<String, Content> updates, List<Content> creates, List<String> deletes) {
  /** Kubernetes' default {@code --max-endpoints-per-slice}. */
  static final int MAX_ENDPOINTS_PER_SLICE = 100;

  /** The content of one slice: its ports and endpoints, in a fixed order. */
  record Content(List<SlicePort> ports, List<SliceEndpoint> endpoints) {
    Content {
      ports = SlicePort.sorted(ports);
      endpoints = endpoints.stream().sorted(SliceEndpoint::byAddress).toList();
    }

    static Content placeholder() {
      return new Content(List.of(), List.of());
    }
  }

  /** A slice that exists, with its name. */
  record Existing(String name, Content content) {}

  /**
   * The plan that turns {@code existing} into slices holding {@code desired} (endpoints by their
   * resolved ports), at most {@code max} endpoints a slice.
   */
  static SlicePlan plan(
      List<Existing> existing, Map<List<SlicePort>, List<SliceEndpoint>> desired, int max) {
    Map<String, Content> updates = new LinkedHashMap<>();
    List<Content> creates = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    List<Existing> ordered =
        existing.stream().sorted(Comparator.comparing(Existing::name)).toList();
    if (desired.values().stream().allMatch(List::isEmpty)) {
      if (ordered.isEmpty()) {
        creates.add(Content.placeholder());
      } else {
        updates.put(ordered.get(0).name(), Content.placeholder());
        ordered.stream().skip(1).forEach(slice -> deletes.add(slice.name()));
      }
      return new SlicePlan(updates, creates, deletes);
    }
    Map<List<SlicePort>, Map<String, SliceEndpoint>> remaining = new LinkedHashMap<>();
    desired.forEach(
        (ports, endpoints) -> {
          Map<String, SliceEndpoint> byKey = new LinkedHashMap<>();
          endpoints.stream()
              .sorted(SliceEndpoint::byAddress)
              .forEach(endpoint -> byKey.put(endpoint.key(), endpoint));
          remaining.put(SlicePort.sorted(ports), byKey);
        });
    Map<String, List<SliceEndpoint>> kept = new LinkedHashMap<>();
    List<Existing> emptied = new ArrayList<>();
    for (Existing slice : ordered) {
      Map<String, SliceEndpoint> wanted = remaining.get(slice.content().ports());
      List<SliceEndpoint> stay = new ArrayList<>();
      if (wanted != null) {
        for (SliceEndpoint endpoint : slice.content().endpoints()) {
          SliceEndpoint current = wanted.remove(endpoint.key());
          if (current != null && stay.size() < max) {
            stay.add(current);
          }
        }
      }
      if (stay.isEmpty()) {
        emptied.add(slice);
      } else {
        kept.put(slice.name(), stay);
      }
    }
    for (Map.Entry<List<SlicePort>, Map<String, SliceEndpoint>> group : remaining.entrySet()) {
      List<SlicePort> ports = group.getKey();
      List<SliceEndpoint> left = new ArrayList<>(group.getValue().values());
      for (Existing slice : ordered) {
        List<SliceEndpoint> stay = kept.get(slice.name());
        if (stay != null && slice.content().ports().equals(ports)) {
          while (stay.size() < max && !left.isEmpty()) {
            stay.add(left.remove(0));
          }
        }
      }
      while (!left.isEmpty()) {
        List<SliceEndpoint> chunk = new ArrayList<>(left.subList(0, Math.min(max, left.size())));
        left.subList(0, chunk.size()).clear();
        // An emptied slice is reused before a new one is made, saving a delete and a create.
        if (!emptied.isEmpty()) {
          updates.put(emptied.remove(0).name(), new Content(ports, chunk));
        } else {
          creates.add(new Content(ports, chunk));
        }
      }
    }
    for (Existing slice : ordered) {
      List<SliceEndpoint> stay = kept.get(slice.name());
      if (stay != null) {
        updates.put(slice.name(), new Content(slice.content().ports(), stay));
      }
    }
    emptied.forEach(slice -> deletes.add(slice.name()));
    return new SlicePlan(updates, creates, deletes);
  }
}
