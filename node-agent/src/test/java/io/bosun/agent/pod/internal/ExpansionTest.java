package io.bosun.agent.pod.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpansionTest {
  private static String expand(String input) {
    return Expansion.expand(input, Map.of("A", "1", "EMPTY", "")::get);
  }

  @Test
  void expandsDefinedReferencesAndKeepsTheRestAsWritten() {
    assertThat(expand("$(A)-$(B)-$(EMPTY)")).isEqualTo("1-$(B)-");
    assertThat(expand("$$(A) $$ $")).isEqualTo("$(A) $ $");
    assertThat(expand("$(A")).isEqualTo("$(A");
    assertThat(expand("a$xb")).isEqualTo("a$xb");
    assertThat(expand("no references")).isEqualTo("no references");
  }
}
