package io.bosun.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  @Test
  void parsesEqualityAndInequality() {
    FieldSelector selector =
        FieldSelector.parse("metadata.name=web,status.phase!=Running,spec.x==y");

    assertThat(selector.requirements())
        .containsExactly(
            new FieldSelector.Requirement("metadata.name", false, "web"),
            new FieldSelector.Requirement("status.phase", true, "Running"),
            new FieldSelector.Requirement("spec.x", false, "y"));
  }

  @Test
  void missingFieldsCompareAsEmpty() {
    assertThat(FieldSelector.parse("spec.nodeName=").matches(Map.of())).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(Map.of())).isFalse();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(Map.of("spec.nodeName", "n1")))
        .isTrue();
  }

  @Test
  void unescapesCommasAndEquals() {
    FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b\\=c");

    assertThat(selector.requirements().get(0).value()).isEqualTo("a,b=c");
  }

  @Test
  void rejectsATermWithoutOperator() {
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name"))
        .isInstanceOf(SelectorException.class);
    assertThatThrownBy(() -> FieldSelector.parse("=x")).isInstanceOf(SelectorException.class);
  }
}
