package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.condition;
import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Memory limits: enforced through cgroups where the machine allows, said plainly where not. */
class ResourceLimitsTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();
  @RegisterExtension final AgentFixture unlimited = AgentFixture.realTime().withoutCgroups();

  private static Container hungry() {
    return new ContainerBuilder()
        .withName("main")
        .withImage("python:3")
        .withArgs("python3", "-c", "b = bytearray(200 * 1024 * 1024); print('survived')")
        .withNewResources()
        .addToLimits("memory", new Quantity("32Mi"))
        .addToLimits("cpu", new Quantity("500m"))
        .endResources()
        .build();
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledWhereCgroupsWork() {
    Pod pod =
        agent.run(
            Pods.pod("hungry", hungry()).editSpec().withRestartPolicy("Never").endSpec().build());

    PodStatus status =
        agent.awaitStatus(
            pod, s -> "Failed".equals(s.getPhase()) || "Succeeded".equals(s.getPhase()));

    if (agent.runtime.resourceEnforcement().enforced()) {
      assertThat(container(status, "main").getState().getTerminated().getReason())
          .isEqualTo("OOMKilled");
      assertThat(status.getConditions())
          .noneMatch(c -> c.getType().equals("bosun.io/ResourceLimitsEnforced"));
    } else {
      assertThat(condition(status, "bosun.io/ResourceLimitsEnforced").getStatus())
          .isEqualTo("False");
    }
  }

  @Test
  void limitsThatCannotBeEnforcedAreReportedInAConditionAndAnEvent() {
    Pod pod =
        unlimited.run(
            Pods.pod("unlimited", hungry())
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .build());

    PodStatus status = unlimited.awaitStatus(pod, s -> "Succeeded".equals(s.getPhase()));

    assertThat(unlimited.runtime.resourceEnforcement().enforced()).isFalse();
    var limits = condition(status, "bosun.io/ResourceLimitsEnforced");
    assertThat(limits.getStatus()).isEqualTo("False");
    assertThat(limits.getReason()).isEqualTo("CgroupsUnavailable");
    assertThat(limits.getMessage()).startsWith("resource limits are not enforced");
    assertThat(unlimited.listener.events(Pods.uid(pod)))
        .extracting(PodEvent::reason)
        .contains("LimitsNotEnforced");
  }
}
