package io.bosun.agent.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bosun.agent.pod.PodStatusUpdate;
import io.bosun.controller.client.Patch;
import io.fabric8.kubernetes.api.model.PodStatus;
import org.junit.jupiter.api.Test;

class PodStatusWriterTest {

  @Test
  void aStatusPatchTestsTheUidThenSetsOnlyTheFieldsTheRuntimeComputed() {
    PodStatus status = new PodStatus();
    status.setPhase("Running");
    status.setPodIP("127.1.0.1");

    Patch patch =
        PodStatusWriter.statusPatch(new PodStatusUpdate("ns", "web", "uid-1", status, false));

    assertThat(patch.type()).isEqualTo(Patch.Type.JSON);
    assertThat(patch.body())
        .isEqualTo(
            "[{\"op\":\"test\",\"path\":\"/metadata/uid\",\"value\":\"uid-1\"},"
                + "{\"op\":\"add\",\"path\":\"/status/phase\",\"value\":\"Running\"},"
                + "{\"op\":\"add\",\"path\":\"/status/podIP\",\"value\":\"127.1.0.1\"}]");
  }
}
