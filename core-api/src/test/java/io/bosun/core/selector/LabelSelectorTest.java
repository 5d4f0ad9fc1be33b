package io.bosun.core.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.core.selector.LabelSelector.Operator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

  @Test
  void parsesEveryOperator() {
    LabelSelector selector =
        LabelSelector.parse(
            "app=web, tier==front,env!=prod,zone in (a, b),team notin (x),ready,!legacy");

    assertThat(selector.requirements())
        .extracting(LabelSelector.Requirement::operator)
        .containsExactly(
            Operator.EQUALS,
            Operator.EQUALS,
            Operator.NOT_EQUALS,
            Operator.IN,
            Operator.NOT_IN,
            Operator.EXISTS,
            Operator.DOES_NOT_EXIST);
    assertThat(selector.requirements().get(3).values()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void matchesAsKubernetesDoes() {
    LabelSelector selector = LabelSelector.parse("app=web,env!=prod,zone in (a,b),!legacy");

    assertThat(selector.matches(Map.of("app", "web", "zone", "a"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web", "zone", "a", "env", "dev"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web", "zone", "a", "env", "prod"))).isFalse();
    assertThat(selector.matches(Map.of("app", "web", "zone", "c"))).isFalse();
    assertThat(selector.matches(Map.of("app", "web", "zone", "a", "legacy", ""))).isFalse();
    assertThat(selector.matches(Map.of("zone", "a"))).isFalse();
  }

  @Test
  void notInAndNotEqualsMatchAMissingLabel() {
    assertThat(LabelSelector.parse("env notin (prod)").matches(Map.of())).isTrue();
    assertThat(LabelSelector.parse("env!=prod").matches(Map.of())).isTrue();
  }

  @Test
  void emptySelectorMatchesEverything() {
    assertThat(LabelSelector.parse("").isEmpty()).isTrue();
    assertThat(LabelSelector.parse(null).matches(Map.of("a", "b"))).isTrue();
  }

  @Test
  void acceptsPrefixedKeysAndEmptyValues() {
    LabelSelector selector = LabelSelector.parse("app.kubernetes.io/name=,example.com/tier=x");

    assertThat(selector.matches(Map.of("app.kubernetes.io/name", "", "example.com/tier", "x")))
        .isTrue();
  }

  @Test
  void rejectsMalformedSelectors() {
    assertThatThrownBy(() -> LabelSelector.parse("app=web,")).isInstanceOf(SelectorException.class);
    assertThatThrownBy(() -> LabelSelector.parse("app in (a"))
        .isInstanceOf(SelectorException.class);
    assertThatThrownBy(() -> LabelSelector.parse("-bad=x")).isInstanceOf(SelectorException.class);
    assertThatThrownBy(() -> LabelSelector.parse("app=in valid"))
        .isInstanceOf(SelectorException.class);
    assertThatThrownBy(() -> LabelSelector.parse("app>1")).isInstanceOf(SelectorException.class);
  }

  @Test
  void printsTheCanonicalForm() {
    assertThat(LabelSelector.parse("a=b,c in (z,y),!d").toString()).isEqualTo("a=b,c in (y,z),!d");
  }
}
