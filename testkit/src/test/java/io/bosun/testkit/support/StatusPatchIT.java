package io.bosun.testkit.support;

import static io.bosun.testkit.TestObjects.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.controller.client.KubeClient;
import io.bosun.controller.client.ResourceClient;
import io.bosun.controller.support.StatusPatch;
import io.bosun.testkit.BosunTest;
import io.bosun.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Status writes through the status subresource of a real apiserver. */
@BosunTest
class StatusPatchIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void mergePatchesOnlyWhatTheStatusChangedAndNothingWhenEqual(
      KubeClient client, TestNamespace ns) {
    ResourceClient<Deployment> deployments = client.resources(Deployment.class);
    Deployment created = deployments.create(deployment(ns.name(), "web")).await().atMost(WAIT);
    Deployment desired =
        new DeploymentBuilder(created)
            .editSpec()
            .withReplicas(5) // not a status field: must not be written
            .endSpec()
            .withStatus(
                new DeploymentStatusBuilder()
                    .withReplicas(1)
                    .withReadyReplicas(1)
                    .withObservedGeneration(1L)
                    .build())
            .build();

    Deployment written = StatusPatch.mergeFrom(deployments, created, desired).await().atMost(WAIT);

    assertThat(written.getStatus().getReadyReplicas()).isEqualTo(1);
    assertThat(written.getSpec().getReplicas()).isEqualTo(1);
    String version = written.getMetadata().getResourceVersion();
    Deployment unchanged =
        StatusPatch.mergeFrom(deployments, written, desired).await().atMost(WAIT);
    assertThat(unchanged).isSameAs(written);
    assertThat(deployments.get(ns.name(), "web").await().atMost(WAIT).getMetadata())
        .extracting("resourceVersion")
        .isEqualTo(version);

    Deployment fewer =
        new DeploymentBuilder(written)
            .withStatus(
                new DeploymentStatusBuilder().withReplicas(1).withObservedGeneration(1L).build())
            .build();
    Deployment trimmed = StatusPatch.mergeFrom(deployments, written, fewer).await().atMost(WAIT);
    assertThat(trimmed.getStatus().getReadyReplicas()).isNull();
    assertThat(trimmed.getStatus().getReplicas()).isEqualTo(1);
  }

  @Test
  void appliesTheStatusAsItsFieldManager(KubeClient client, TestNamespace ns) {
    ResourceClient<Deployment> deployments = client.resources(Deployment.class);
    Deployment created = deployments.create(deployment(ns.name(), "web")).await().atMost(WAIT);
    Deployment desired =
        new DeploymentBuilder(created)
            .withStatus(
                new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1).build())
            .build();

    Deployment applied = StatusPatch.apply(deployments, desired, "it-status").await().atMost(WAIT);

    assertThat(applied.getStatus().getAvailableReplicas()).isEqualTo(1);
    assertThat(applied.getMetadata().getManagedFields())
        .anySatisfy(
            entry -> {
              assertThat(entry.getManager()).isEqualTo("it-status");
              assertThat(entry.getSubresource()).isEqualTo("status");
              assertThat(entry.getOperation()).isEqualTo("Apply");
            });

    Deployment less =
        new DeploymentBuilder(created)
            .withStatus(new DeploymentStatusBuilder().withReplicas(1).build())
            .build();
    Deployment pruned = StatusPatch.apply(deployments, less, "it-status").await().atMost(WAIT);
    assertThat(pruned.getStatus().getAvailableReplicas()).isNull();
    assertThat(pruned.getStatus().getReplicas()).isEqualTo(1);
  }
}
