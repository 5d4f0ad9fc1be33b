package io.bosun.controller.support.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MergePatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  @Test
  void keepsOnlyWhatChangedAndNullsWhatWasRemoved() throws Exception {
    ObjectNode from =
        json("{\"ready\":1,\"phase\":\"Pending\",\"old\":\"x\",\"nested\":{\"a\":1,\"b\":2}}");
    ObjectNode to = json("{\"ready\":1,\"phase\":\"Running\",\"nested\":{\"a\":1,\"c\":3}}");

    assertThat(MergePatches.diff(from, to))
        .isEqualTo(json("{\"phase\":\"Running\",\"old\":null,\"nested\":{\"b\":null,\"c\":3}}"));
  }

  @Test
  void replacesArraysWholeAndIsEmptyForEqualDocuments() throws Exception {
    ObjectNode from = json("{\"conditions\":[{\"type\":\"A\"}],\"n\":{\"x\":[1]}}");

    assertThat(MergePatches.diff(from, from.deepCopy())).isEmpty();
    assertThat(
            MergePatches.diff(from, json("{\"conditions\":[{\"type\":\"B\"}],\"n\":{\"x\":[1]}}")))
        .isEqualTo(json("{\"conditions\":[{\"type\":\"B\"}]}"));
  }

  @Test
  void aPatchAppliedByRfc7386GivesTheTarget() throws Exception {
    ObjectNode from = json("{\"a\":{\"b\":1,\"c\":{\"d\":2}},\"e\":[1,2],\"f\":\"g\"}");
    ObjectNode to = json("{\"a\":{\"c\":{\"d\":3,\"h\":4}},\"e\":[2],\"i\":true}");

    assertThat(apply(from.deepCopy(), MergePatches.diff(from, to))).isEqualTo(to);
  }

  /** RFC 7386's MergePatch, to check the diff against the standard's own algorithm. */
  private static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    patch
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().isNull()) {
                target.remove(field.getKey());
              } else if (field.getValue().isObject()) {
                ObjectNode nested =
                    target.get(field.getKey()) instanceof ObjectNode existing
                        ? existing
                        : target.putObject(field.getKey());
                apply(nested, (ObjectNode) field.getValue());
              } else {
                target.set(field.getKey(), field.getValue());
              }
            });
    return target;
  }
}
