package io.bosun.apiserver.apply;

import static io.bosun.apiserver.apply.TestTypes.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsV1Test {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static PathElement key(String name, JsonNode value) {
    return new PathElement.Key(List.of(new PathElement.KeyField(name, value)));
  }

  @Test
  void decodesWhatKubernetesWritesAndEncodesItBackUnchanged() {
    // As kube-apiserver writes it for `kubectl create deployment` (trimmed).
    JsonNode kubernetes =
        json(
            "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},"
                + "'f:spec':{'f:replicas':{},'f:template':{'f:spec':{'f:containers':{"
                + "'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:name':{},"
                + "'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},"
                + "'f:containerPort':{}}}}}}}},"
                + "'f:finalizers':{'v:\\'a\\'':{},'v:\\'b\\'':{}},'f:args':{'i:0':{}}}");

    FieldSet set = FieldsV1.decode(kubernetes);

    assertThat(set.paths())
        .extracting(FieldPath::toString)
        .contains(
            ".metadata.labels",
            ".metadata.labels.app",
            ".spec.replicas",
            ".spec.template.spec.containers[name=\"nginx\"]",
            ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]",
            ".finalizers[=\"a\"]",
            ".args[0]")
        .doesNotContain(".metadata", ".spec", ".spec.template.spec.containers");
    assertThat(FieldsV1.encode(set)).isEqualTo(kubernetes);
  }

  @Test
  void roundTripsEveryKindOfPathElement() {
    FieldPath containers = FieldPath.of("spec", "containers");
    FieldPath web = containers.child(key("name", NODES.textNode("web")));
    FieldSet set =
        FieldSet.of(
            FieldPath.of("data", "a.b"),
            web,
            web.child("image"),
            FieldPath.of("spec", "finalizers").child(new PathElement.Value(NODES.numberNode(3))),
            FieldPath.of("spec", "args").child(new PathElement.Index(2)),
            containers
                .child(
                    new PathElement.Key(
                        List.of(
                            new PathElement.KeyField("protocol", NODES.textNode("UDP")),
                            new PathElement.KeyField("port", NODES.numberNode(53)))))
                .child("name"));

    assertThat(FieldsV1.decode(FieldsV1.encode(set))).isEqualTo(set);
  }

  @Test
  void marksAMemberWithChildrenWithADotFirst() {
    FieldSet set = FieldSet.of(FieldPath.of("data"), FieldPath.of("data", "z"), FieldPath.of("a"));

    assertThat(FieldsV1.encode(set).toString())
        .isEqualTo("{\"f:a\":{},\"f:data\":{\".\":{},\"f:z\":{}}}");
  }

  @Test
  void encodesKeysSortedByFieldName() {
    PathElement port =
        new PathElement.Key(
            List.of(
                new PathElement.KeyField("protocol", NODES.textNode("TCP")),
                new PathElement.KeyField("containerPort", NODES.numberNode(80))));

    assertThat(FieldsV1.key(port)).isEqualTo("k:{\"containerPort\":80,\"protocol\":\"TCP\"}");
    assertThat(port.toString()).isEqualTo("[containerPort=80,protocol=\"TCP\"]");
  }

  @Test
  void refusesMalformedEncodings() {
    assertThatThrownBy(() -> FieldsV1.decode(json("{'x:a':{}}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldsV1.decode(json("{'f:a':1}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FieldsV1.decode(json("{'k:[1]':{}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
