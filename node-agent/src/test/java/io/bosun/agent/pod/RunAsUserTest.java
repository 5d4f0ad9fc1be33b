package io.bosun.agent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An agent configured with a run-as user never runs a container as root. */
class RunAsUserTest {
  private static final long NOBODY = 65534;

  @RegisterExtension final AgentFixture agent = AgentFixture.realTime().runningAs(NOBODY, NOBODY);

  @Test
  void containersRunAsTheConfiguredUserUnlessTheyNameAnotherNonRootOne() {
    Pod plain =
        agent.run(
            Pods.pod("plain", Pods.shell("main", "id -u; id -g; touch here && echo writable"))
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .build());
    Pod named =
        agent.run(
            Pods.pod(
                    "named",
                    new ContainerBuilder(Pods.shell("main", "id -u"))
                        .withNewSecurityContext()
                        .withRunAsUser(4242L)
                        .endSecurityContext()
                        .build())
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .build());

    agent.awaitStatus(plain, s -> "Succeeded".equals(s.getPhase()));
    agent.awaitStatus(named, s -> "Succeeded".equals(s.getPhase()));
    assertThat(agent.log(plain)).isEqualTo(NOBODY + "\n" + NOBODY + "\nwritable\n");
    assertThat(agent.log(named)).isEqualTo("4242\n");
  }

  @Test
  void aContainerAskingForRootIsRefused() {
    Pod pod =
        agent.run(
            Pods.pod(
                    "root",
                    new ContainerBuilder(Pods.shell("main", "id -u"))
                        .withNewSecurityContext()
                        .withRunAsUser(0L)
                        .endSecurityContext()
                        .build())
                .build());

    ContainerStatus main = agent.awaitWaiting(pod, "main", "CreateContainerConfigError");
    assertThat(main.getState().getWaiting().getMessage())
        .startsWith("container has runAsNonRoot and image will run as root");
  }
}
