package io.bosun.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlicePlanTest {
  private static final List<SlicePort> HTTP = List.of(new SlicePort("http", "TCP", 8080, null));
  private static final List<SlicePort> ALT = List.of(new SlicePort("http", "TCP", 9090, null));

  @Test
  void aServiceWithoutEndpointsGetsOnePlaceholderSlice() {
    SlicePlan plan = SlicePlan.plan(List.of(), Map.of(), 100);

    assertThat(plan.creates()).containsExactly(SlicePlan.Content.placeholder());
    assertThat(plan.updates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void endpointsAreCutIntoSlicesOfAtMostTheMaximum() {
    SlicePlan plan = SlicePlan.plan(List.of(), Map.of(HTTP, endpoints(0, 250)), 100);

    assertThat(plan.creates()).extracting(c -> c.endpoints().size()).containsExactly(100, 100, 50);
    assertThat(plan.creates()).allMatch(c -> c.ports().equals(HTTP));
  }

  @Test
  void endpointsStayInTheirSliceAndNewOnesFillTheRoomLeft() {
    SlicePlan.Existing a =
        new SlicePlan.Existing("web-a", new SlicePlan.Content(HTTP, endpoints(0, 3)));
    SlicePlan.Existing b =
        new SlicePlan.Existing("web-b", new SlicePlan.Content(HTTP, endpoints(3, 5)));
    List<SliceEndpoint> wanted = new ArrayList<>(endpoints(1, 5));
    wanted.addAll(endpoints(10, 12));

    SlicePlan plan = SlicePlan.plan(List.of(a, b), Map.of(HTTP, wanted), 3);

    assertThat(addresses(plan.updates().get("web-a")))
        .containsExactlyInAnyOrder("127.1.0.1", "127.1.0.2", "127.1.0.10");
    assertThat(addresses(plan.updates().get("web-b")))
        .containsExactlyInAnyOrder("127.1.0.3", "127.1.0.4", "127.1.0.11");
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aSliceWhosePortsNoLongerResolveIsReusedOrDeleted() {
    SlicePlan.Existing old =
        new SlicePlan.Existing("web-a", new SlicePlan.Content(HTTP, endpoints(0, 2)));
    SlicePlan.Existing other =
        new SlicePlan.Existing("web-b", new SlicePlan.Content(HTTP, endpoints(5, 6)));

    SlicePlan plan = SlicePlan.plan(List.of(old, other), Map.of(ALT, endpoints(0, 2)), 100);

    assertThat(plan.updates()).containsOnlyKeys("web-a");
    assertThat(plan.updates().get("web-a").ports()).isEqualTo(ALT);
    assertThat(plan.deletes()).containsExactly("web-b");
  }

  @Test
  void theLastSliceOfAServiceThatLostItsPodsBecomesThePlaceholder() {
    SlicePlan.Existing a =
        new SlicePlan.Existing("web-a", new SlicePlan.Content(HTTP, endpoints(0, 2)));
    SlicePlan.Existing b =
        new SlicePlan.Existing("web-b", new SlicePlan.Content(HTTP, endpoints(2, 4)));

    SlicePlan plan = SlicePlan.plan(List.of(b, a), Map.of(), 100);

    assertThat(plan.updates()).containsExactly(Map.entry("web-a", SlicePlan.Content.placeholder()));
    assertThat(plan.deletes()).containsExactly("web-b");
  }

  private static List<SliceEndpoint> endpoints(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(
            i ->
                new SliceEndpoint(
                    "127.1.0." + i,
                    true,
                    true,
                    false,
                    "node-1",
                    null,
                    new SliceEndpoint.PodRef("ns", "pod-" + i, "uid-" + i)))
        .toList();
  }

  private static List<String> addresses(SlicePlan.Content content) {
    return content.endpoints().stream().map(SliceEndpoint::address).toList();
  }
}
