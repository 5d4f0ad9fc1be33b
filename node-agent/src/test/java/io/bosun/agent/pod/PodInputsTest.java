package io.bosun.agent.pod;

import static io.bosun.agent.testing.AgentFixture.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bosun.agent.testing.AgentFixture;
import io.bosun.agent.testing.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ConfigMaps, Secrets, the downward API and claims reaching processes as env and files. */
class PodInputsTest {
  @RegisterExtension final AgentFixture agent = AgentFixture.realTime();

  private Pod runToCompletion(PodBuilder builder) {
    Pod pod = agent.run(builder.editSpec().withRestartPolicy("Never").endSpec().build());
    agent.awaitStatus(pod, s -> "Succeeded".equals(s.getPhase()) || "Failed".equals(s.getPhase()));
    return pod;
  }

  @Test
  void envComesFromValuesConfigMapsSecretsEnvFromAndTheDownwardApi() {
    agent.inputs.configMap("default", "settings", Map.of("color", "blue", "size", "L"));
    agent.inputs.secret("default", "creds", Map.of("password", "s3cret"));
    Container main =
        new ContainerBuilder(
                Pods.shell(
                    "main",
                    "echo $GREETING $COLOR $PASSWORD $cfg_size $POD_NAME $NAMESPACE $APP $NODE"
                        + " $MY_IP $MEMORY_MI $CPU"))
            .addNewEnv()
            .withName("NAME")
            .withValue("world")
            .endEnv()
            .addNewEnv()
            .withName("GREETING")
            .withValue("hello-$(NAME)-$$(NAME)-$(UNDEFINED)")
            .endEnv()
            .addNewEnv()
            .withName("COLOR")
            .withNewValueFrom()
            .withNewConfigMapKeyRef("color", "settings", false)
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("PASSWORD")
            .withNewValueFrom()
            .withNewSecretKeyRef("password", "creds", false)
            .endValueFrom()
            .endEnv()
            .addNewEnvFrom()
            .withPrefix("cfg_")
            .withNewConfigMapRef("settings", false)
            .endEnvFrom()
            .addNewEnv()
            .withName("POD_NAME")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.name")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("NAMESPACE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("APP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.labels['app']")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("NODE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("spec.nodeName")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("MY_IP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("status.podIP")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("MEMORY_MI")
            .withNewValueFrom()
            .withNewResourceFieldRef()
            .withResource("limits.memory")
            .withDivisor(new Quantity("1Mi"))
            .endResourceFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("CPU")
            .withNewValueFrom()
            .withNewResourceFieldRef()
            .withResource("requests.cpu")
            .withDivisor(new Quantity("1m"))
            .endResourceFieldRef()
            .endValueFrom()
            .endEnv()
            .withNewResources()
            .addToLimits("memory", new Quantity("64Mi"))
            .addToRequests("cpu", new Quantity("250m"))
            .endResources()
            .build();

    Pod pod = runToCompletion(Pods.pod("env", main));

    String ip = agent.listener.status(Pods.uid(pod)).getPodIP();
    assertThat(agent.log(pod))
        .isEqualTo(
            "hello-world-$(NAME)-$(UNDEFINED) blue s3cret L env default env node-1 "
                + ip
                + " 64 250\n");
  }

  @Test
  void configMapSecretAndDownwardApiVolumesAreFilesThatFollowTheirSources() throws Exception {
    agent.inputs.configMap("default", "settings", Map.of("app.conf", "v1", "other", "x"));
    agent.inputs.secret("default", "creds", Map.of("token", "abc"));
    Container main =
        new ContainerBuilder(Pods.shell("main", "sleep 1000"))
            .addNewVolumeMount()
            .withName("config")
            .withMountPath("/etc/app")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("secret")
            .withMountPath("/etc/secret")
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("info")
            .withMountPath("/etc/podinfo")
            .endVolumeMount()
            .build();
    Pod pod =
        agent.run(
            Pods.pod("files", main)
                .editSpec()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("settings")
                .addNewItem("app.conf", null, "conf/app.conf")
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("secret")
                .withNewSecret()
                .withSecretName("creds")
                .withDefaultMode(0400)
                .endSecret()
                .endVolume()
                .addNewVolume()
                .withName("info")
                .withNewDownwardAPI()
                .addNewItem()
                .withPath("labels")
                .withNewFieldRef()
                .withFieldPath("metadata.labels")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .endVolume()
                .endSpec()
                .build());
    agent.awaitStatus(pod, AgentFixture.running("main"));
    Path root = agent.dataDir.resolve("pods").resolve(Pods.uid(pod)).resolve("rootfs/main");

    assertThat(Files.readString(root.resolve("etc/app/conf/app.conf"))).isEqualTo("v1");
    assertThat(Files.exists(root.resolve("etc/app/other"))).isFalse();
    assertThat(Files.readString(root.resolve("etc/secret/token"))).isEqualTo("abc");
    assertThat(Files.getPosixFilePermissions(root.resolve("etc/secret/token")))
        .extracting(Object::toString)
        .containsExactly("OWNER_READ");
    assertThat(Files.readString(root.resolve("etc/podinfo/labels"))).isEqualTo("app=\"files\"");
    assertThat(Files.isSymbolicLink(root.resolve("etc/app/..data"))).isTrue();

    agent.inputs.configMap("default", "settings", Map.of("app.conf", "v2"));
    agent.runtime.refreshInputs();
    agent.runtime.syncPod(
        new PodBuilder(pod).editMetadata().addToLabels("tier", "front").endMetadata().build());

    await()
        .atMost(AgentFixture.WAIT)
        .until(() -> Files.readString(root.resolve("etc/app/conf/app.conf")).equals("v2"));
    await()
        .atMost(AgentFixture.WAIT)
        .until(
            () ->
                Files.readString(root.resolve("etc/podinfo/labels"))
                    .equals("app=\"files\"\ntier=\"front\""));
    assertThat(container(agent.listener.status(Pods.uid(pod)), "main").getRestartCount()).isZero();
  }

  @Test
  void aMissingConfigMapLeavesTheContainerWaitingUntilItAppears() {
    Container main =
        new ContainerBuilder(Pods.shell("main", "echo $COLOR; sleep 1000"))
            .addNewEnv()
            .withName("COLOR")
            .withNewValueFrom()
            .withNewConfigMapKeyRef("color", "late", false)
            .endValueFrom()
            .endEnv()
            .build();
    Pod pod = agent.run(Pods.pod("patient", main).build());

    ContainerStatus waiting = agent.awaitWaiting(pod, "main", "CreateContainerConfigError");
    assertThat(waiting.getState().getWaiting().getMessage())
        .isEqualTo("configmap \"late\" not found");
    assertThat(agent.listener.status(Pods.uid(pod)).getPhase()).isEqualTo("Pending");

    agent.inputs.configMap("default", "late", Map.of("color", "green"));
    agent.runtime.refreshInputs();

    agent.awaitStatus(pod, AgentFixture.running("main"));
    await().atMost(AgentFixture.WAIT).until(() -> agent.log(pod).equals("green\n"));
  }

  @Test
  void aMissingVolumeSourceIsAFailedMountAndTheContainerStaysCreating() {
    Container main =
        new ContainerBuilder(Pods.shell("main", "sleep 1000"))
            .addNewVolumeMount()
            .withName("config")
            .withMountPath("/config")
            .endVolumeMount()
            .build();
    Pod pod =
        agent.run(
            Pods.pod("mountless", main)
                .editSpec()
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName("absent")
                .endConfigMap()
                .endVolume()
                .endSpec()
                .build());

    agent.awaitEvent(
        pod,
        e ->
            e.reason().equals("FailedMount")
                && e.message()
                    .equals(
                        "MountVolume.SetUp failed for volume \"config\" : configmap \"absent\" not"
                            + " found"));
    var status = agent.awaitStatus(pod, s -> true);
    assertThat(container(status, "main").getState().getWaiting().getReason())
        .isEqualTo("ContainerCreating");
    assertThat(AgentFixture.condition(status, "PodReadyToStartContainers").getStatus())
        .isEqualTo("False");
  }

  @Test
  void anUnknownImageWithoutACommandIsErrImagePullWithHowToMapIt() {
    Pod pod =
        agent.run(
            Pods.pod(
                    "nginx",
                    new ContainerBuilder().withName("main").withImage("nginx:1.27").build())
                .build());

    ContainerStatus main = agent.awaitWaiting(pod, "main", "ErrImagePull");

    assertThat(main.getState().getWaiting().getMessage())
        .startsWith("Failed to pull image \"nginx:1.27\": the process runtime has no registry")
        .contains("{name: nginx:1.27, command: [/path/to/executable]");
    assertThat(agent.listener.status(Pods.uid(pod)).getPhase()).isEqualTo("Pending");
  }

  @Test
  void aClaimBoundToAHostDirectoryIsMountedAndHostPathsOutsideTheAllowedListAreRefused()
      throws Exception {
    Path data = Files.createDirectories(agent.dir.resolve("pv"));
    Files.writeString(data.resolve("kept"), "persisted");
    agent.inputs.claim("default", "data", data);
    Container main =
        new ContainerBuilder()
            .withName("main")
            .withCommand("cat", "/data/kept")
            .addNewVolumeMount()
            .withName("data")
            .withMountPath("/data")
            .endVolumeMount()
            .build();
    Pod pod =
        runToCompletion(
            Pods.pod("claimed", main)
                .editSpec()
                .addNewVolume()
                .withName("data")
                .withNewPersistentVolumeClaim("data", false)
                .endVolume()
                .endSpec());
    assertThat(agent.log(pod)).isEqualTo("persisted");

    Pod forbidden =
        agent.run(
            Pods.pod("forbidden", Pods.shell("main", "sleep 1000"))
                .editSpec()
                .addNewVolume()
                .withName("etc")
                .withNewHostPath()
                .withPath("/etc")
                .endHostPath()
                .endVolume()
                .endSpec()
                .build());
    agent.awaitEvent(
        forbidden,
        e ->
            e.reason().equals("FailedMount")
                && e.message().contains("/etc is outside the host paths"));
  }

  @Test
  void aVolumePathThatCannotBeWrittenIsAFailedMountAndTheAgentCarriesOn() throws Exception {
    // A regular file where a directory must be created: no permission bits stop root, this does.
    Path blocker = Files.writeString(agent.dir.resolve("blocker"), "a file, not a directory");
    Pod blocked =
        agent.run(
            Pods.pod("blocked", Pods.shell("main", "sleep 1000"))
                .editSpec()
                .addNewVolume()
                .withName("out")
                .withNewHostPath()
                .withPath(blocker.resolve("out").toString())
                .withType("DirectoryOrCreate")
                .endHostPath()
                .endVolume()
                .endSpec()
                .build());
    agent.awaitEvent(
        blocked,
        e ->
            e.reason().equals("FailedMount")
                && e.message().startsWith("MountVolume.SetUp failed for volume \"out\""));

    Pod next = runToCompletion(Pods.pod("next", Pods.shell("main", "echo still here")));
    assertThat(agent.log(next)).isEqualTo("still here\n");
  }
}
