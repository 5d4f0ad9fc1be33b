package io.bosun.agent.node.internal;

import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.Origin;
import io.bosun.controller.informer.SharedInformers;
import io.bosun.controller.queue.Scheduler;
import io.fabric8.kubernetes.api.model.Node;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps the agent's Node alive: registers it (retrying until the apiserver answers), then every
 * interval renews its Lease and reports its status, and registers it again if someone deletes it.
 * An informer on the Node tells the reporter what the server holds.
 */
public final class NodeHeartbeat {
  private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);
  private static final Duration RETRY_MIN = Duration.ofSeconds(1);
  private static final Duration RETRY_MAX = Duration.ofSeconds(10);

  private final String nodeName;
  private final NodeStatusReporter reporter;
  private final NodeLease lease;
  private final Scheduler scheduler;
  private final Duration interval;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile Cancellable next;

  /** A heartbeat of node {@code nodeName} every {@code interval}. */
  public NodeHeartbeat(
      String nodeName,
      NodeStatusReporter reporter,
      NodeLease lease,
      Scheduler scheduler,
      Duration interval) {
    this.nodeName = nodeName;
    this.reporter = reporter;
    this.lease = lease;
    this.scheduler = scheduler;
    this.interval = interval;
  }

  /** Registers the Node, waiting as long as the apiserver takes to accept it; returns it. */
  public Node register() {
    return registration().await().indefinitely();
  }

  /** Starts beating, and watching the Node through {@code informers}. */
  public void start(SharedInformers informers) {
    informers
        .informer(
            ResourceDescriptor.of(Node.class),
            InformerOptions.builder().fieldSelector("metadata.name=" + nodeName).build())
        .addHandler(
            new EventHandler<>() {
              @Override
              public void onAdd(Node node, Origin origin) {
                reporter.observed(node);
              }

              @Override
              public void onUpdate(Node old, Node node, Origin origin) {
                reporter.observed(node);
              }

              @Override
              public void onDelete(Node node, Origin origin) {
                if (!stopped.get()) {
                  LOG.infof("node %s was deleted; registering it again", nodeName);
                  registration()
                      .subscribe()
                      .with(n -> {}, e -> LOG.debugf("registration of %s ended: %s", nodeName, e));
                }
              }
            });
    beat();
  }

  /** Stops beating. */
  public void stop() {
    stopped.set(true);
    Cancellable scheduled = next;
    if (scheduled != null) {
      scheduled.cancel();
    }
  }

  private Uni<Node> registration() {
    return reporter
        .register()
        .onFailure()
        .invoke(e -> LOG.warnf("cannot register node %s yet: %s", nodeName, e))
        .onFailure()
        .retry()
        .withBackOff(RETRY_MIN, RETRY_MAX)
        .until(e -> !stopped.get())
        .invoke(node -> lease.ownerUid(node.getMetadata().getUid()));
  }

  /** Renews the Lease and reports the Node's status, then schedules the next beat. */
  private void beat() {
    lease
        .renew()
        .onFailure()
        .invoke(e -> LOG.warnf("cannot renew the lease of node %s: %s", nodeName, e))
        .onFailure()
        .recoverWithNull()
        .flatMap(renewed -> reporter.report())
        .onFailure()
        .invoke(e -> LOG.warnf("cannot report the status of node %s: %s", nodeName, e))
        .onFailure()
        .recoverWithNull()
        .subscribe()
        .with(
            done -> {
              if (!stopped.get()) {
                next = scheduler.schedule(interval, this::beat);
              }
            });
  }
}
