package io.bosun.examples.staticsite;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.Patch;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.reconcile.Reconciler;
import io.bosun.controller.reconcile.Request;
import io.bosun.controller.reconcile.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PatchOptions;
import io.fabric8.kubernetes.api.model.PatchOptionsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Objects;

/**
 * Brings a {@link StaticSite}'s children to what its spec asks for: a ConfigMap with the content, a
 * Deployment of web servers that mount it, and a Service in front of them; then reports in the
 * status how many web servers are ready.
 *
 * <p>Level-based: it reads the site's current state from the cache (a site that is gone needs no
 * work: the children's owner references let the garbage collector remove them) and declares the
 * children with server-side apply, so running it again with nothing changed changes nothing.
 */
public final class StaticSiteReconciler implements Reconciler {
  /** The field manager of everything this operator writes. */
  public static final String FIELD_MANAGER = "static-site-operator";

  private static final PatchOptions APPLY =
      new PatchOptionsBuilder().withFieldManager(FIELD_MANAGER).withForce(true).build();

  private final KubeClient client;
  private final Informer<StaticSite> sites;

  /** A reconciler that writes through {@code client} and reads sites from {@code sites}. */
  public StaticSiteReconciler(KubeClient client, Informer<StaticSite> sites) {
    this.client = Objects.requireNonNull(client, "client");
    this.sites = Objects.requireNonNull(sites, "sites");
  }

  @Override
  public Uni<Result> reconcile(Request request) {
    return Uni.createFrom()
        .item(() -> sites.get(request.namespace(), request.name()).orElse(null))
        .onItem()
        .ifNotNull()
        .transformToUni(this::reconcile)
        .replaceWith(Result.done());
  }

  private Uni<?> reconcile(StaticSite site) {
    return apply(ConfigMap.class, SiteObjects.configMap(site))
        .chain(() -> apply(Service.class, SiteObjects.service(site)))
        .chain(() -> apply(Deployment.class, SiteObjects.deployment(site)))
        .chain(deployment -> reportStatus(site, SiteObjects.status(site, deployment)));
  }

  private <T extends HasMetadata> Uni<T> apply(Class<T> type, T desired) {
    return client
        .resources(type)
        .patch(
            desired.getMetadata().getNamespace(),
            desired.getMetadata().getName(),
            Patch.apply(desired),
            APPLY);
  }

  private Uni<?> reportStatus(StaticSite site, StaticSite.Status status) {
    if (status.equals(site.getStatus())) {
      return Uni.createFrom().voidItem();
    }
    return client
        .resources(StaticSite.class)
        .patchStatus(
            site.getMetadata().getNamespace(),
            site.getMetadata().getName(),
            Patch.merge(Map.of("status", status)),
            new PatchOptions());
  }
}
