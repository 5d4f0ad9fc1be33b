package io.bosun.controller.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchTest {

  @Test
  void writesDocumentsAsJsonKeepingNullsThatDeleteFields() {
    Map<String, Object> data = new HashMap<>();
    data.put("gone", null);

    Patch patch = Patch.merge(Map.of("data", data));

    assertThat(patch.type().contentType()).isEqualTo("application/merge-patch+json");
    assertThat(patch.body()).isEqualTo("{\"data\":{\"gone\":null}}");
  }

  @Test
  void refusesDocumentsOfTheWrongShapeAtTheCall() {
    assertThatThrownBy(() -> Patch.json("{\"op\":\"add\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a JSON patch is an array of operations");
    assertThatThrownBy(() -> Patch.merge("[1]")).hasMessage("a patch document is a JSON object");
    assertThatThrownBy(() -> Patch.strategicMerge("{not json")).hasMessageStartingWith("not JSON");
  }

  @Test
  void sendsApplyConfigurationsAsApplyPatchYaml() {
    assertThat(Patch.apply("{\"spec\":{}}").type().contentType())
        .isEqualTo("application/apply-patch+yaml");
  }
}
