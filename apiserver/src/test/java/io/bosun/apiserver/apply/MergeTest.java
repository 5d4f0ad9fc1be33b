package io.bosun.apiserver.apply;

import static io.bosun.apiserver.apply.TestTypes.ROOT;
import static io.bosun.apiserver.apply.TestTypes.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The merge of an applied configuration into a live object, for each merge type. */
class MergeTest {

  private static JsonNode mergedSpec(String live, String config) {
    return Merge.merge(ROOT, widget(live), widget(config), FieldPath.ROOT).path("spec");
  }

  @Test
  void atomicListIsReplacedWhole() {
    assertThat(mergedSpec("args: [a, b]", "args: [c]").path("args"))
        .isEqualTo(TestTypes.json("['c']"));
  }

  @Test
  void setKeepsLiveItemsAndAddsNewOnes() {
    assertThat(mergedSpec("finalizers: [a, b]", "finalizers: [c, a]").path("finalizers"))
        .isEqualTo(TestTypes.json("['c','a','b']"));
  }

  @Test
  void mapListMergesItemsByKeyKeepingLiveOrderForLiveOnlyItems() {
    JsonNode spec =
        mergedSpec(
            """
            containers:
            - {name: a, image: a1}
            - {name: b, image: b1, ports: [{containerPort: 80}]}
            - {name: c, image: c1}
            """,
            """
            containers:
            - {name: c, image: c2}
            - name: b
              ports: [{containerPort: 80, protocol: TCP, name: http}, {containerPort: 53, protocol: UDP}]
            """);

    assertThat(spec.path("containers"))
        .isEqualTo(
            TestTypes.json(
                "[{'name':'a','image':'a1'},{'name':'c','image':'c2'},"
                    + "{'name':'b','image':'b1','ports':[{'containerPort':80,'protocol':'TCP',"
                    + "'name':'http'},{'containerPort':53,'protocol':'UDP'}]}]"));
  }

  @Test
  void listWithPatchMergeKeyMergesByThatKey() {
    JsonNode spec =
        mergedSpec(
            "hosts: [{ip: 1.1.1.1, names: [a]}, {ip: 2.2.2.2}]",
            "hosts: [{ip: 1.1.1.1, names: [b]}]");

    assertThat(spec.path("hosts"))
        .isEqualTo(TestTypes.json("[{'ip':'1.1.1.1','names':['b']},{'ip':'2.2.2.2'}]"));
  }

  @Test
  void granularMapMergesKeysAndAtomicMapIsReplaced() {
    JsonNode spec =
        mergedSpec(
            "labels: {a: '1', b: '2'}\natomicLabels: {a: '1', b: '2'}",
            "labels: {b: '3', c: '4'}\natomicLabels: {c: '4'}");

    assertThat(spec.path("labels")).isEqualTo(TestTypes.json("{'a':'1','b':'3','c':'4'}"));
    assertThat(spec.path("atomicLabels")).isEqualTo(TestTypes.json("{'c':'4'}"));
  }

  @Test
  void granularStructMergesFieldsAndAtomicStructIsReplaced() {
    JsonNode spec =
        mergedSpec(
            "replicas: 1\nselector: {matchLabels: {a: '1'}}", "selector: {matchLabels: {b: '2'}}");

    assertThat(spec.path("replicas").asInt()).isEqualTo(1);
    assertThat(spec.path("selector")).isEqualTo(TestTypes.json("{'matchLabels':{'b':'2'}}"));
  }

  @Test
  void untypedPartsMergeObjectsByKeyAndReplaceLists() {
    JsonNode spec =
        mergedSpec(
            "extra: {x: {y: 1, z: 2}, list: [1, 2]}", "extra: {x: {y: 3}, list: [3], w: true}");

    assertThat(spec.path("extra"))
        .isEqualTo(TestTypes.json("{'x':{'y':3,'z':2},'list':[3],'w':true}"));
  }

  @Test
  void fieldSetOfAConfigurationNamesItemsAndOnlyLeafFieldsOfStructs() {
    FieldSet fields =
        Fields.of(
            ROOT,
            widget(
                """
                replicas: 2
                selector: {matchLabels: {a: '1'}}
                finalizers: [x]
                containers: [{name: web, ports: [{containerPort: 80}]}]
                extra: {k: {v: 1}}
                labels: {}
                """));

    assertThat(fields.paths())
        .extracting(FieldPath::toString)
        .containsExactlyInAnyOrder(
            ".apiVersion",
            ".kind",
            ".metadata.name",
            ".metadata.namespace",
            ".spec.replicas",
            ".spec.selector",
            ".spec.finalizers[=\"x\"]",
            ".spec.containers[name=\"web\"]",
            ".spec.containers[name=\"web\"].name",
            ".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]",
            ".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].containerPort",
            ".spec.extra.k",
            ".spec.extra.k.v",
            ".spec.labels");
  }

  @Test
  void configurationWithUnnamedOrDuplicateItemsIsRefused() {
    assertThatThrownBy(() -> Fields.of(ROOT, widget("containers: [{image: x}]")))
        .isInstanceOf(InvalidObjectException.class)
        .hasMessage(
            ".spec.containers: element 0: associative list with keys has an element that omits"
                + " key field \"name\" (and doesn't have default value)");
    assertThatThrownBy(() -> Fields.of(ROOT, widget("containers: [{name: a}, {name: a}]")))
        .isInstanceOf(InvalidObjectException.class)
        .hasMessage(".spec.containers: duplicate entries for key [name=\"a\"]");
  }

  @Test
  void comparisonReportsLeavesAndWholeContainers() {
    Comparison changes =
        Comparison.of(
            ROOT,
            widget("replicas: 1\nlabels: {a: '1'}\ncontainers: [{name: a, image: x}]"),
            widget("replicas: 2\ncontainers: [{name: b, image: y}]"));

    assertThat(changes.modified().paths())
        .extracting(FieldPath::toString)
        .containsExactly(".spec.replicas");
    assertThat(changes.removed().paths())
        .extracting(FieldPath::toString)
        .containsExactlyInAnyOrder(
            ".spec.labels",
            ".spec.labels.a",
            ".spec.containers[name=\"a\"]",
            ".spec.containers[name=\"a\"].name",
            ".spec.containers[name=\"a\"].image");
    assertThat(changes.added().paths())
        .extracting(FieldPath::toString)
        .containsExactlyInAnyOrder(
            ".spec.containers[name=\"b\"]",
            ".spec.containers[name=\"b\"].name",
            ".spec.containers[name=\"b\"].image");
  }
}
