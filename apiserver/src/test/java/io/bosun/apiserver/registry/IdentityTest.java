package io.bosun.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bosun.core.api.StatusException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceType CONFIG_MAPS =
      KindRegistry.builtin().find("", "v1", "configmaps").orElseThrow();

  @Test
  void kindAndApiVersionLeadAndTheRestKeepsItsOrderAndValues() throws Exception {
    ObjectNode object =
        (ObjectNode)
            JSON.readTree(
                "{\"data\":{\"a\":\"1\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},"
                    + "\"immutable\":true}");

    Identity.apply(CONFIG_MAPS, "team", object);

    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("kind", "apiVersion", "data", "metadata", "immutable");
    assertThat(object.toString())
        .isEqualTo(
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\"},"
                + "\"metadata\":{\"name\":\"x\",\"namespace\":\"team\"},\"immutable\":true}");
  }

  @Test
  void aMismatchedKindIsRefused() throws Exception {
    ObjectNode object = (ObjectNode) JSON.readTree("{\"kind\":\"Secret\"}");

    assertThatThrownBy(() -> Identity.apply(CONFIG_MAPS, "team", object))
        .isInstanceOfSatisfying(
            StatusException.class, e -> assertThat(e.status().code()).isEqualTo(400));
  }
}
