package io.bosun.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FitErrorTest {

  @Test
  void countsReasonsAndSortsThemAsText() {
    FitError error = new FitError(4);
    error.add(List.of(Filters.AFFINITY));
    error.add(List.of("Insufficient cpu", "Insufficient memory"));
    error.add(List.of(Filters.AFFINITY));
    error.add(List.of(PodAffinity.ANTI_AFFINITY));

    assertThat(error.message())
        .isEqualTo(
            "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, "
                + "1 node(s) didn't match pod anti-affinity rules, "
                + "2 node(s) didn't match Pod's node affinity/selector.");
  }

  @Test
  void saysSoWhenThereAreNoNodes() {
    assertThat(new FitError(0).message()).isEqualTo("no nodes available to schedule pods");
  }
}
