package io.bosun.controllers.namespace;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.informer.InformerEventSources;
import io.bosun.controller.runtime.Controller;
import io.bosun.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Clock;
import java.util.Objects;

/**
 * The namespace lifecycle controller: a namespace being deleted (Terminating) is emptied of every
 * namespaced object the server serves, custom resources included, then its {@code kubernetes}
 * finalizer is removed so that it goes.
 */
public final class NamespaceController {
  /** The controller's name in logs. */
  public static final String NAME = "namespace-controller";

  private NamespaceController() {}

  /** The controller, reading namespaces from {@code sources}' informer. */
  public static Controller create(KubeClient client, InformerEventSources sources, Clock clock) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(clock, "clock");
    return Controller.forResource(Namespace.class)
        .withOptions(ControllerOptions.builder().name(NAME).build())
        .build(new NamespaceReconciler(client, sources.informer(Namespace.class), clock));
  }
}
