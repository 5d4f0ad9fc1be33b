package io.bosun.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controllers.Workloads;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

  @Test
  void isStableAndChangesWithTheTemplateAndTheCollisionCount() {
    PodTemplateSpec template = Workloads.template("web", "app:1");
    String hash = TemplateHash.of(template, null);
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    assertThat(TemplateHash.of(Workloads.template("web", "app:1"), null)).isEqualTo(hash);
    assertThat(TemplateHash.of(Workloads.template("web", "app:2"), null)).isNotEqualTo(hash);
    assertThat(TemplateHash.of(template, 1)).isNotEqualTo(hash);
  }

  @Test
  void equalityIgnoresTheHashLabelAndEmptyFields() {
    PodTemplateSpec template = Workloads.template("web", "app:1");
    PodTemplateSpec labelled =
        new PodTemplateSpecBuilder(template)
            .editMetadata()
            .addToLabels(TemplateHash.LABEL, "abc")
            .withCreationTimestamp(null)
            .endMetadata()
            .editSpec()
            .withVolumes()
            .endSpec()
            .build();
    assertThat(TemplateHash.equalIgnoringHash(template, labelled)).isTrue();
    assertThat(TemplateHash.equalIgnoringHash(template, Workloads.template("web", "app:2")))
        .isFalse();
  }
}
