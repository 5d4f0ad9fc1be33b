package io.bosun.controllers.scheduler;

import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.source.EventSources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The scheduler with its {@link SchedulingCache} fed by the node and pod informers while it runs.
 * The cache's handlers are added before the controller's own, and an informer tells its handlers of
 * each change in the order they were added, so a pod's placement always sees at least the events
 * that brought the pod to the scheduler.
 */
final class CachedScheduler extends ForwardingController {
  private final SchedulingCache cache;
  private final Informer<Node> nodes;
  private final Informer<Pod> pods;
  private List<Registration> registrations = List.of();

  CachedScheduler(
      Controller controller, SchedulingCache cache, Informer<Node> nodes, Informer<Pod> pods) {
    super(controller);
    this.cache = cache;
    this.nodes = nodes;
    this.pods = pods;
  }

  @Override
  public synchronized void start(EventSources sources) {
    // A restart replays the informers' caches into an empty scheduling cache.
    cache.clear();
    registrations =
        List.of(nodes.addHandler(cache.nodeHandler()), pods.addHandler(cache.podHandler()));
    super.start(sources);
  }

  @Override
  public synchronized Uni<Void> stop() {
    registrations.forEach(Registration::remove);
    registrations = List.of();
    return super.stop();
  }
}
