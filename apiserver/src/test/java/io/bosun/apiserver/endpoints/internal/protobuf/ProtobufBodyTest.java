package io.bosun.apiserver.endpoints.internal.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.bosun.core.api.StatusException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Meta.Time;
import io.kubernetes.client.proto.Runtime.TypeMeta;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Policy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtobufBodyTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static byte[] envelope(String apiVersion, String kind, ByteString raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(
        Unknown.newBuilder()
            .setTypeMeta(TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
            .setRaw(raw)
            .setContentEncoding("")
            .setContentType("")
            .build()
            .toByteArray());
    return out.toByteArray();
  }

  static byte[] envelope(String apiVersion, String kind, Message message) {
    return envelope(apiVersion, kind, message.toByteString());
  }

  /** The metadata kubectl sends: every string present, empty when unset, a zero time. */
  static ObjectMeta.Builder kubectlMetadata(String name) {
    return ObjectMeta.newBuilder()
        .setName(name)
        .setGenerateName("")
        .setNamespace("")
        .setSelfLink("")
        .setUid("")
        .setResourceVersion("")
        .setGeneration(0)
        .setCreationTimestamp(Time.getDefaultInstance());
  }

  @Test
  void decodesAConfigMapAsKubectlSendsIt() throws Exception {
    V1.ConfigMap configMap =
        V1.ConfigMap.newBuilder()
            .setMetadata(kubectlMetadata("x").putLabels("app", "demo"))
            .putData("a", "b")
            .build();

    JsonNode json = ProtobufBody.decode(envelope("v1", "ConfigMap", configMap));

    assertThat(json)
        .isEqualTo(
            MAPPER.readTree(
                """
                {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "x", "creationTimestamp": null, "labels": {"app": "demo"}},
                 "data": {"a": "b"}}
                """));
  }

  /** What client-go's typed clients send for an eviction (a drain) and a binding (a scheduler). */
  @Test
  void decodesAnEvictionAndABinding() throws Exception {
    V1Policy.Eviction eviction =
        V1Policy.Eviction.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName("p").setNamespace("team-a"))
            .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0))
            .build();
    V1.Binding binding =
        V1.Binding.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName("p"))
            .setTarget(V1.ObjectReference.newBuilder().setKind("Node").setName("n1"))
            .build();

    JsonNode evicted = ProtobufBody.decode(envelope("policy/v1", "Eviction", eviction));
    JsonNode bound = ProtobufBody.decode(envelope("v1", "Binding", binding));

    assertThat(evicted.path("kind").asText()).isEqualTo("Eviction");
    assertThat(evicted.path("metadata").path("namespace").asText()).isEqualTo("team-a");
    assertThat(evicted.path("deleteOptions").path("gracePeriodSeconds").asLong()).isZero();
    assertThat(evicted.path("deleteOptions").path("gracePeriodSeconds").isNumber()).isTrue();
    assertThat(bound.path("target").path("kind").asText()).isEqualTo("Node");
    assertThat(bound.path("target").path("name").asText()).isEqualTo("n1");
  }

  @Test
  void decodesSecretDataAsBase64() {
    V1.Secret secret =
        V1.Secret.newBuilder()
            .setMetadata(kubectlMetadata("s").setNamespace("team-a"))
            .putData("k", ByteString.copyFrom("v\u0000w", StandardCharsets.UTF_8))
            .setType("Opaque")
            .build();

    JsonNode json = ProtobufBody.decode(envelope("v1", "Secret", secret));

    assertThat(json.path("data").path("k").asText()).isEqualTo("dgB3");
    assertThat(json.path("type").asText()).isEqualTo("Opaque");
    assertThat(json.path("metadata").path("namespace").asText()).isEqualTo("team-a");
  }

  @Test
  void decodesANamespaceWithItsEmptySpecAndStatusDroppingTheEmptyPhase() throws Exception {
    V1.Namespace namespace =
        V1.Namespace.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName("n"))
            .setSpec(V1.NamespaceSpec.getDefaultInstance())
            .setStatus(V1.NamespaceStatus.newBuilder().setPhase(""))
            .build();

    JsonNode json = ProtobufBody.decode(envelope("v1", "Namespace", namespace));

    assertThat(json)
        .isEqualTo(
            MAPPER.readTree(
                """
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"},
                 "spec": {}, "status": {}}
                """));
  }

  @Test
  void refusesAnUnknownKindWith415() {
    byte[] body = envelope("example.com/v1", "Widget", ByteString.EMPTY);

    assertThatThrownBy(() -> ProtobufBody.decode(body))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.status().code()).isEqualTo(415);
              assertThat(e.status().message()).contains("\"Widget\" in \"example.com/v1\"");
            });
  }

  @Test
  void refusesACompressedEnvelopeWith415() {
    byte[] body = envelope("v1", "ConfigMap", ByteString.EMPTY);
    byte[] gzip =
        concat(
            new byte[] {'k', '8', 's', 0},
            Unknown.newBuilder()
                .setTypeMeta(TypeMeta.newBuilder().setApiVersion("v1").setKind("ConfigMap"))
                .setContentEncoding("gzip")
                .build()
                .toByteArray());

    assertThat(ProtobufBody.decode(body).path("kind").asText()).isEqualTo("ConfigMap");
    assertThatThrownBy(() -> ProtobufBody.decode(gzip))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(415));
  }

  @Test
  void refusesBytesWithoutTheMagicWith400() {
    assertThatThrownBy(() -> ProtobufBody.decode("{\"kind\":\"ConfigMap\"}".getBytes()))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.status().code()).isEqualTo(400);
              assertThat(e.status().message()).contains("magic");
            });
  }

  @Test
  void refusesAnUndecodableObjectWith400() {
    // Field 1 (metadata) as a length-delimited value that runs past the end.
    byte[] body = envelope("v1", "ConfigMap", ByteString.copyFrom(new byte[] {0x0a, 0x7f, 0x01}));

    assertThatThrownBy(() -> ProtobufBody.decode(body))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.status().code()).isEqualTo(400);
              assertThat(e.status().message()).contains("ConfigMap could not be decoded");
            });
  }

  @Test
  void refusesATruncatedEnvelopeWith400() {
    byte[] body = envelope("v1", "ConfigMap", V1.ConfigMap.getDefaultInstance());
    byte[] truncated = java.util.Arrays.copyOf(body, body.length - 3);

    assertThatThrownBy(() -> ProtobufBody.decode(truncated))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(400));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
