package io.bosun.agent.sync.internal;

import io.bosun.agent.pod.PodInputs;
import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.SharedInformers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.smallrye.common.annotation.CheckReturnValue;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pods read from the cluster, served from informer caches: ConfigMaps, Secrets, claims and
 * their volumes, and Services for the service environment variables. Reads never touch the network.
 */
public final class InformerInputs implements PodInputs {
  private final Informer<ConfigMap> configMaps;
  private final Informer<Secret> secrets;
  private final Informer<PersistentVolumeClaim> claims;
  private final Informer<PersistentVolume> volumes;
  private final Informer<Service> services;

  /** Inputs over the shared informers of {@code informers}, which it starts. */
  public InformerInputs(SharedInformers informers) {
    this.configMaps = informers.informer(ResourceDescriptor.of(ConfigMap.class));
    this.secrets = informers.informer(ResourceDescriptor.of(Secret.class));
    this.claims = informers.informer(ResourceDescriptor.of(PersistentVolumeClaim.class));
    this.volumes = informers.informer(ResourceDescriptor.of(PersistentVolume.class));
    this.services = informers.informer(ResourceDescriptor.of(Service.class));
  }

  /** The informers whose changes pods may have to see, for the agent to watch. */
  public List<Informer<?>> informers() {
    return List.of(configMaps, secrets, claims, volumes, services);
  }

  /** Completes when every informer has its first list. */
  @CheckReturnValue
  public Uni<Void> whenSynced() {
    return Uni.join()
        .all(informers().stream().map(Informer::whenSynced).toList())
        .andFailFast()
        .replaceWithVoid();
  }

  @Override
  public Optional<Map<String, byte[]>> configMap(String namespace, String name) {
    return configMaps
        .get(namespace, name)
        .map(
            cm -> {
              Map<String, byte[]> data = new HashMap<>();
              if (cm.getData() != null) {
                cm.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
              }
              if (cm.getBinaryData() != null) {
                cm.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
              }
              return data;
            });
  }

  @Override
  public Optional<Map<String, byte[]>> secret(String namespace, String name) {
    return secrets
        .get(namespace, name)
        .map(
            secret -> {
              Map<String, byte[]> data = new HashMap<>();
              if (secret.getData() != null) {
                secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
              }
              return data;
            });
  }

  @Override
  public Optional<Path> persistentVolumeClaim(String namespace, String claimName) {
    return claims
        .get(namespace, claimName)
        .map(claim -> claim.getSpec() == null ? null : claim.getSpec().getVolumeName())
        .filter(volume -> !volume.isEmpty())
        .flatMap(volume -> volumes.get(null, volume))
        .map(
            pv -> {
              var spec = pv.getSpec();
              if (spec.getHostPath() != null) {
                return Path.of(spec.getHostPath().getPath());
              }
              return spec.getLocal() != null ? Path.of(spec.getLocal().getPath()) : null;
            });
  }

  @Override
  public Map<String, String> serviceEnvironment(String namespace, boolean enableServiceLinks) {
    List<Service> inNamespace =
        enableServiceLinks ? services.byIndex(Informer.NAMESPACE_INDEX, namespace) : List.of();
    return ServiceEnvironment.of(services.get("default", "kubernetes"), inNamespace);
  }
}
