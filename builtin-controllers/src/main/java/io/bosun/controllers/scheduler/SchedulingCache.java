package io.bosun.controllers.scheduler;

import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Origin;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The scheduler's view of the cluster, node by node: each node with the pods bound to it and the
 * pods this scheduler is binding there (assumed), kept from the node and pod informers' events
 * instead of read from their caches at each placement, as Kubernetes' scheduler cache does. A
 * placement takes a {@link #snapshot}, in which only the nodes that changed since the last one are
 * rebuilt, so it costs O(nodes), not O(pods). Every pod is known by its key on at most one node, so
 * a pod seen again (updated, rebound, confirmed after being assumed) replaces itself and is never
 * counted twice. Thread-safe: events arrive on the informers' threads, placements on the
 * controller's.
 */
final class SchedulingCache {
  /**
   * How long a bound pod that the informer has not shown stays assumed; see {@link AssumedPods}.
   */
  static final Duration ASSUMED_TTL = Duration.ofMinutes(5);

  /** One node's entry; {@code node} is null while pods name a node not (or no longer) seen. */
  private static final class NodeState {
    Node node;
    final Map<String, PlacedPod> pods = new LinkedHashMap<>();
    NodeInfo info;
  }

  private final Map<String, NodeState> nodes = new TreeMap<>();
  private final Map<String, String> nodeOfPod = new HashMap<>();
  private final AssumedPods assumed;

  SchedulingCache(Duration assumedTtl) {
    this.assumed = new AssumedPods(assumedTtl);
  }

  /** Keeps the cache's nodes from a node informer's events. */
  EventHandler<Node> nodeHandler() {
    return handler(this::putNode, node -> removeNode(node.getMetadata().getName()));
  }

  /** Keeps the cache's pods from a pod informer's events. */
  EventHandler<Pod> podHandler() {
    return handler(this::putPod, pod -> removePod(PlacedPod.key(pod)));
  }

  /** Puts what is added or changed, removes what is deleted; resyncs change nothing. */
  private static <T> EventHandler<T> handler(Consumer<T> put, Consumer<T> remove) {
    return new EventHandler<>() {
      @Override
      public void onAdd(T object, Origin origin) {
        put.accept(object);
      }

      @Override
      public void onUpdate(T old, T object, Origin origin) {
        if (old != object) {
          put.accept(object);
        }
      }

      @Override
      public void onDelete(T object, Origin origin) {
        remove.accept(object);
      }
    };
  }

  /** Forgets everything, assumptions included. */
  synchronized void clear() {
    nodes.clear();
    nodeOfPod.clear();
    assumed.clear();
  }

  synchronized void putNode(Node node) {
    NodeState state = nodes.computeIfAbsent(node.getMetadata().getName(), n -> new NodeState());
    state.node = node;
    state.info = null;
  }

  synchronized void removeNode(String name) {
    NodeState state = nodes.get(name);
    if (state != null) {
      state.node = null;
      state.info = null;
      dropIfEmpty(name, state);
    }
  }

  /**
   * Takes a pod as the informer shows it: a bound, unfinished pod counts on its node (confirming
   * its assumption); any other leaves the cache, unless this scheduler is binding it and the
   * informer simply has not seen the binding yet.
   */
  synchronized void putPod(Pod pod) {
    String key = PlacedPod.key(pod);
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && !node.isEmpty() && !SchedulerController.isFinished(pod)) {
      assumed.remove(key);
      place(PlacedPod.of(pod), node);
    } else if (!assumed.contains(key)) {
      unplace(key);
    }
  }

  synchronized void removePod(String key) {
    assumed.remove(key);
    unplace(key);
  }

  /**
   * Counts {@code pod} on {@code node} until the informer shows it bound, or {@link #forget}.
   * Refused, changing nothing, when the pod is on a node here already (assumed, or shown bound): a
   * placement made from a stale copy of a bound pod must not replace its real place, which a failed
   * binding would then remove.
   *
   * @return whether the pod is now assumed on {@code node}
   */
  synchronized boolean assume(Pod pod, String node) {
    String key = PlacedPod.key(pod);
    if (nodeOfPod.containsKey(key)) {
      return false;
    }
    pod.getSpec().setNodeName(node);
    assumed.assume(key);
    place(PlacedPod.of(pod), node);
    return true;
  }

  /** The binding of an assumed pod succeeded: its assumption may now expire. */
  synchronized void bound(Pod pod, Instant now) {
    assumed.bound(PlacedPod.key(pod), now);
  }

  /** The binding of an assumed pod failed: it no longer counts, unless the informer showed it. */
  synchronized void forget(Pod pod) {
    String key = PlacedPod.key(pod);
    if (assumed.remove(key)) {
      unplace(key);
    }
  }

  /** Whether some assumed pod's binding has not finished yet. */
  synchronized boolean bindingsInFlight() {
    return assumed.inFlight();
  }

  synchronized boolean isAssumed(String namespace, String name) {
    return assumed.contains(namespace + "/" + name);
  }

  /**
   * Whether the pod is on a node here: assumed, or bound as the informer showed it. Newer than a
   * copy read from the informer before its latest event, since this cache hears of every event
   * first.
   */
  synchronized boolean isPlaced(String namespace, String name) {
    return nodeOfPod.containsKey(namespace + "/" + name);
  }

  /** Every known node with its pods, after expiring overdue assumptions. */
  synchronized List<NodeInfo> snapshot(Instant now) {
    for (String key : assumed.expire(now)) {
      unplace(key);
    }
    List<NodeInfo> infos = new ArrayList<>(nodes.size());
    for (NodeState state : nodes.values()) {
      if (state.node != null) {
        if (state.info == null) {
          state.info = NodeInfo.ofPlaced(state.node, state.pods.values());
        }
        infos.add(state.info);
      }
    }
    return infos;
  }

  private void place(PlacedPod pod, String node) {
    String previous = nodeOfPod.put(pod.key(), node);
    if (previous != null && !previous.equals(node)) {
      remove(previous, pod.key());
    }
    NodeState state = nodes.computeIfAbsent(node, n -> new NodeState());
    state.pods.put(pod.key(), pod);
    state.info = null;
  }

  private void unplace(String key) {
    String node = nodeOfPod.remove(key);
    if (node != null) {
      remove(node, key);
    }
  }

  private void remove(String node, String key) {
    NodeState state = nodes.get(node);
    if (state != null && state.pods.remove(key) != null) {
      state.info = null;
      dropIfEmpty(node, state);
    }
  }

  private void dropIfEmpty(String name, NodeState state) {
    if (state.node == null && state.pods.isEmpty()) {
      nodes.remove(name);
    }
  }
}
