package io.bosun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ListBodyTest {
  @Test
  void readsItemCountContinueTokenAndResourceVersion() {
    String json =
        "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"42\","
            + "\"continue\":\"abc=\",\"remainingItemCount\":3},\"items\":[{\"metadata\":"
            + "{\"name\":\"a\",\"labels\":{\"continue\":\"x\"}}},{\"metadata\":{\"name\":\"b\"}}]}";

    ListBody body = ListBody.parse(json.getBytes(StandardCharsets.UTF_8));

    assertThat(body).isEqualTo(new ListBody(2, "abc=", "42"));
  }

  @Test
  void hasNoContinueTokenOnTheLastPage() {
    String json = "{\"metadata\":{\"resourceVersion\":\"7\",\"continue\":\"\"},\"items\":[]}";

    assertThat(ListBody.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ListBody(0, null, "7"));
  }
}
