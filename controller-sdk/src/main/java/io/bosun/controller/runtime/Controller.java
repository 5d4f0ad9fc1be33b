package io.bosun.controller.runtime;

import io.bosun.controller.source.EventSources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * A running reconcile loop for one primary kind: events from its watches become requests in a work
 * queue, and a {@link io.bosun.controller.reconcile.Reconciler} works through them. Built with
 * {@link #forResource}:
 *
 * <pre>{@code
 * Controller controller =
 *     Controller.forResource(Foo.class)
 *         .owns(Deployment.class)
 *         .watches(Secret.class, secret -> fooRequestsUsing(secret))
 *         .withPredicates(EventPredicate.generationChanged())
 *         .withOptions(ControllerOptions.builder().maxConcurrentReconciles(4).build())
 *         .build(request -> reconcileFoo(request));
 * controller.start(sharedInformers);
 * }</pre>
 *
 * A controller may be started again once its {@link #stop()} has completed (a manager does so when
 * it regains leadership); it then starts from a fresh queue and reconciles every cached object.
 */
public interface Controller {

  /** Starts building a controller whose primary kind is {@code type}. */
  static <P extends HasMetadata> ControllerBuilder<P> forResource(Class<P> type) {
    return new ControllerBuilder<>(type);
  }

  /** The name in logs and metrics. */
  String name();

  /**
   * The kinds whose events this controller takes: its primary kind first, then the kinds it owns
   * and watches. A manager starts and syncs their informers before it starts the controller.
   * Defaults to none known.
   */
  default Set<Class<? extends HasMetadata>> watchedTypes() {
    return Set.of();
  }

  /**
   * Registers the controller's handlers with {@code sources} and starts reconciling.
   *
   * @throws IllegalStateException if the controller is running, or still stopping
   */
  void start(EventSources sources);

  /**
   * Stops taking events and requests, and lets in-flight reconciles finish (each is bounded by the
   * reconcile timeout).
   *
   * @return completes when no reconcile is in flight any more
   */
  @CheckReturnValue
  Uni<Void> stop();
}
