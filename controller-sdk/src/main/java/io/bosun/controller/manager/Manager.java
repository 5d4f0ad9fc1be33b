package io.bosun.controller.manager;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.informer.InformerOptions;
import io.bosun.controller.informer.SharedInformers;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.OptionalInt;

/**
 * Runs a process's controllers over one client and one set of shared informers. {@link #start()}
 * starts the informers of every kind the controllers watch, waits until they have synced, then
 * starts the controllers, or with a leader election, contends for the Lease and starts them only
 * while it leads (so a standby's caches are warm when it takes over). {@link #stop()} stops the
 * controllers, letting in-flight reconciles finish, releases the Lease, then stops the informers.
 *
 * <pre>{@code
 * ManagerBuilder builder = Manager.builder(client);
 * InformerEventSources sources = builder.eventSources();
 * Manager manager =
 *     builder
 *         .add(Controller.forResource(Foo.class).owns(Deployment.class)
 *             .build(new FooReconciler(client, sources.informer(Foo.class))))
 *         .leaderElection(LeaderElectionOptions.builder("operators", "foo-operator").build())
 *         .options(ManagerOptions.builder().healthPort(8081).build())
 *         .build();
 * manager.start().await().indefinitely();
 * Runtime.getRuntime().addShutdownHook(new Thread(manager::close));
 * }</pre>
 */
public interface Manager extends AutoCloseable {

  /** Starts building a manager whose informers watch every namespace. */
  static ManagerBuilder builder(KubeClient client) {
    return builder(client, InformerOptions.DEFAULTS);
  }

  /**
   * Starts building a manager whose informers watch as {@code informerOptions} say (one namespace,
   * a label selector).
   */
  static ManagerBuilder builder(KubeClient client, InformerOptions informerOptions) {
    return new ManagerBuilder(client, informerOptions);
  }

  /** The client the manager's informers and election use. */
  KubeClient client();

  /** The shared informers, one per kind. */
  SharedInformers informers();

  /** The event sources the controllers are started with; their informers serve reads. */
  InformerEventSources eventSources();

  /**
   * Starts the informers, waits for them to sync, then starts the controllers (at once, or while
   * leading).
   *
   * @return completes once the informers have synced; fails if they do not within the cache sync
   *     timeout, leaving the manager stopped in {@link ManagerStatus.Phase#FAILED}
   * @throws IllegalStateException if the manager was started before
   */
  @CheckReturnValue
  Uni<Void> start();

  /**
   * Stops the controllers (waiting up to the graceful shutdown timeout for in-flight reconciles),
   * releases the Lease, stops the informers and the health endpoint. Idempotent.
   */
  @CheckReturnValue
  Uni<Void> stop();

  /** The manager's health now. */
  ManagerStatus status();

  /** The port the health endpoint listens on, once started; empty when it is off. */
  OptionalInt healthPort();

  /** Stops the manager and waits for it. Must not be called on an event-loop thread. */
  @Override
  void close();
}
