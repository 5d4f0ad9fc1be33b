package io.bosun.controllers.replicaset;

import io.bosun.controllers.ownership.ControllerRefs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Pods made from a controller's template, as Kubernetes' GetPodFromTemplate makes them. */
final class PodTemplates {
  /** The longest generateName prefix that still leaves room for the 5 random characters. */
  private static final int MAX_PREFIX = 58;

  private PodTemplates() {}

  /**
   * A new pod for {@code owner}: the template's labels, annotations, finalizers and spec, a name
   * generated from the owner's, and a controller reference to the owner.
   */
  static Pod newPod(HasMetadata owner, PodTemplateSpec template) {
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    String prefix = owner.getMetadata().getName() + "-";
    if (prefix.length() > MAX_PREFIX) {
      prefix = prefix.substring(0, MAX_PREFIX);
    }
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName(prefix)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(meta.getLabels() == null ? null : new LinkedHashMap<>(meta.getLabels()))
        .withAnnotations(
            meta.getAnnotations() == null ? null : new LinkedHashMap<>(meta.getAnnotations()))
        .withFinalizers(meta.getFinalizers() == null ? null : new ArrayList<>(meta.getFinalizers()))
        .withOwnerReferences(List.of(ControllerRefs.controllerReference(owner)))
        .endMetadata()
        .withSpec(template.getSpec())
        .build();
  }
}
