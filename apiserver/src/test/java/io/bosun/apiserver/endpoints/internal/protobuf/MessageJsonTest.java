package io.bosun.apiserver.endpoints.internal.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta.Duration;
import io.kubernetes.client.proto.Meta.FieldsV1;
import io.kubernetes.client.proto.Meta.ManagedFieldsEntry;
import io.kubernetes.client.proto.Meta.MicroTime;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import org.junit.jupiter.api.Test;

class MessageJsonTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void writesTimesAsRfc3339InUtc() throws Exception {
    ObjectMeta metadata =
        ObjectMeta.newBuilder()
            .setName("t")
            .setCreationTimestamp(Time.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
            .build();
    V1.Event event =
        V1.Event.newBuilder()
            .setEventTime(MicroTime.newBuilder().setSeconds(1_700_000_000L).setNanos(123_456_789))
            .setFirstTimestamp(Time.getDefaultInstance())
            .build();

    assertThat(MessageJson.convert(metadata).path("creationTimestamp").asText())
        .isEqualTo("2023-11-14T22:13:20Z");
    assertThat(MessageJson.convert(event).path("eventTime").asText())
        .isEqualTo("2023-11-14T22:13:20.123456Z");
    assertThat(MessageJson.convert(event).get("firstTimestamp").isNull()).isTrue();
  }

  @Test
  void writesQuantitiesIntOrStringsAndInlinedHandlers() throws Exception {
    V1.Container container =
        V1.Container.newBuilder()
            .setName("app")
            .addArgs("--a")
            .addArgs("--b")
            .setResources(
                V1.ResourceRequirements.newBuilder()
                    .putLimits("cpu", Quantity.newBuilder().setString("500m").build())
                    .putLimits("memory", Quantity.newBuilder().setString("1Gi").build()))
            .setLivenessProbe(
                V1.Probe.newBuilder()
                    .setHandler(
                        V1.ProbeHandler.newBuilder()
                            .setHttpGet(
                                V1.HTTPGetAction.newBuilder()
                                    .setPath("/healthz")
                                    .setPort(
                                        IntOrString.newBuilder().setType(1).setStrVal("http"))))
                    .setPeriodSeconds(10))
            .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080).setName("http"))
            .build();

    assertThat(MessageJson.convert(container))
        .isEqualTo(
            json(
                """
                {"name": "app", "args": ["--a", "--b"],
                 "ports": [{"name": "http", "containerPort": 8080}],
                 "resources": {"limits": {"cpu": "500m", "memory": "1Gi"}},
                 "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"},
                                   "periodSeconds": 10}}
                """));
  }

  @Test
  void writesAnIntegerIntOrStringAsANumber() {
    V1Apps.RollingUpdateDeployment update =
        V1Apps.RollingUpdateDeployment.newBuilder()
            .setMaxSurge(IntOrString.newBuilder().setType(0).setIntVal(2))
            .setMaxUnavailable(IntOrString.newBuilder().setType(1).setStrVal("25%"))
            .build();

    JsonNode json = MessageJson.convert(update);

    assertThat(json.get("maxSurge").isInt()).isTrue();
    assertThat(json.get("maxSurge").asInt()).isEqualTo(2);
    assertThat(json.get("maxUnavailable").asText()).isEqualTo("25%");
  }

  @Test
  void inlinesEmbeddedReferencesButNotOrdinaryOnes() throws Exception {
    V1.PodSpec spec =
        V1.PodSpec.newBuilder()
            .addImagePullSecrets(V1.LocalObjectReference.newBuilder().setName("registry"))
            .addVolumes(
                V1.Volume.newBuilder()
                    .setName("config")
                    .setVolumeSource(
                        V1.VolumeSource.newBuilder()
                            .setConfigMap(
                                V1.ConfigMapVolumeSource.newBuilder()
                                    .setLocalObjectReference(
                                        V1.LocalObjectReference.newBuilder().setName("cm"))
                                    .setDefaultMode(420))))
            .build();

    assertThat(MessageJson.convert(spec))
        .isEqualTo(
            json(
                """
                {"volumes": [{"name": "config", "configMap": {"name": "cm", "defaultMode": 420}}],
                 "imagePullSecrets": [{"name": "registry"}]}
                """));
  }

  @Test
  void writesEmbeddedJsonDurationsAndZeroValuesThatAreSet() throws Exception {
    ManagedFieldsEntry managed =
        ManagedFieldsEntry.newBuilder()
            .setManager("kubectl")
            .setFieldsV1(
                FieldsV1.newBuilder().setRaw(ByteString.copyFromUtf8("{\"f:data\":{\".\":{}}}")))
            .build();
    V1.List list =
        V1.List.newBuilder()
            .addItems(
                RawExtension.newBuilder()
                    .setRaw(ByteString.copyFromUtf8("{\"kind\":\"ConfigMap\"}")))
            .build();
    V1Apps.DeploymentSpec spec = V1Apps.DeploymentSpec.newBuilder().setReplicas(0).build();

    assertThat(MessageJson.convert(managed).get("fieldsV1"))
        .isEqualTo(json("{\"f:data\":{\".\":{}}}"));
    assertThat(MessageJson.convert(list).get("items"))
        .isEqualTo(json("[{\"kind\":\"ConfigMap\"}]"));
    assertThat(MessageJson.convert(spec)).isEqualTo(json("{\"replicas\": 0}"));
    assertThat(
            MessageJson.convert(Duration.newBuilder().setDuration(90_000_000_000L).build())
                .asText())
        .isEqualTo("1m30s");
  }

  @Test
  void dropsTheZeroValuesGoWritesForUnsetPlainFieldsButKeepsChosenZeros() throws Exception {
    // What kubectl create deployment sends: Go's plain fields at their zero value.
    V1Apps.DeploymentSpec spec =
        V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(0)
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType(""))
            .setMinReadySeconds(0)
            .setPaused(false)
            .setTemplate(
                V1.PodTemplateSpec.newBuilder()
                    .setSpec(
                        V1.PodSpec.newBuilder()
                            .setHostNetwork(false)
                            .setAutomountServiceAccountToken(false)
                            .setTerminationGracePeriodSeconds(0)
                            .addContainers(
                                V1.Container.newBuilder()
                                    .setName("app")
                                    .setImagePullPolicy("")
                                    .setTty(false)
                                    .addArgs("")
                                    .setReadinessProbe(
                                        V1.Probe.newBuilder()
                                            .setPeriodSeconds(0)
                                            .setTimeoutSeconds(0)))))
            .build();

    // Compared as text read back, since the converter's int64 zero is a LongNode.
    assertThat(json(MessageJson.convert(spec).toString()))
        .isEqualTo(
            json(
                """
                {"replicas": 0, "strategy": {},
                 "template": {"spec": {
                   "automountServiceAccountToken": false, "terminationGracePeriodSeconds": 0,
                   "containers": [{"name": "app", "args": [""], "readinessProbe": {}}]}}}
                """));
  }

  @Test
  void refusesEmbeddedBytesThatAreNotJson() {
    RawExtension raw = RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{nope")).build();

    assertThatThrownBy(() -> MessageJson.convert(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void formatsDurationsAsGoDoes() {
    assertThat(SpecialMessages.goDuration(0)).isEqualTo("0s");
    assertThat(SpecialMessages.goDuration(999)).isEqualTo("999ns");
    assertThat(SpecialMessages.goDuration(1_500)).isEqualTo("1.5µs");
    assertThat(SpecialMessages.goDuration(1_500_000)).isEqualTo("1.5ms");
    assertThat(SpecialMessages.goDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(SpecialMessages.goDuration(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
    assertThat(SpecialMessages.goDuration(-2_000_000_000L)).isEqualTo("-2s");
    assertThat(SpecialMessages.goDuration(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
  }
}
