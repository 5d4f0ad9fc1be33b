package io.bosun.controllers.gc;

import io.bosun.controller.client.ResourceDescriptor;
import io.bosun.controller.informer.EventHandler;
import io.bosun.controller.informer.Informer;
import io.bosun.controller.informer.Registration;
import io.bosun.controller.informer.SharedInformers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows CustomResourceDefinitions so that the garbage collector monitors each custom kind once
 * its definition is Established, read at its storage version as generic objects.
 */
final class CustomResourceKinds {
  private CustomResourceKinds() {}

  /** The informer of CustomResourceDefinitions, whose kinds go to {@code monitor}. */
  static Informer<CustomResourceDefinition> informer(SharedInformers informers) {
    return informers.informer(ResourceDescriptor.of(CustomResourceDefinition.class));
  }

  /** Hands every established custom kind, now and later, to {@code monitor}. */
  static Registration follow(
      Informer<CustomResourceDefinition> definitions,
      Consumer<ResourceDescriptor<GenericKubernetesResource>> monitor) {
    return definitions.addHandler(
        EventHandler.onChange(
            (crd, origin) -> {
              if (crd.getMetadata().getDeletionTimestamp() == null) {
                descriptor(crd).ifPresent(monitor);
              }
            }));
  }

  /** The generic descriptor of an established definition's kind at its storage version. */
  static Optional<ResourceDescriptor<GenericKubernetesResource>> descriptor(
      CustomResourceDefinition crd) {
    CustomResourceDefinitionSpec spec = crd.getSpec();
    boolean established =
        crd.getStatus() != null
            && crd.getStatus().getConditions() != null
            && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!established || spec == null || spec.getNames() == null || spec.getVersions() == null) {
      return Optional.empty();
    }
    return spec.getVersions().stream()
        .filter(v -> Boolean.TRUE.equals(v.getStorage()))
        .map(CustomResourceDefinitionVersion::getName)
        .findFirst()
        .map(
            version ->
                ResourceDescriptor.generic(
                    spec.getGroup() + "/" + version,
                    spec.getNames().getKind(),
                    spec.getNames().getPlural(),
                    "Namespaced".equals(spec.getScope())));
  }
}
