package io.bosun.apiserver.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.apiserver.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContinueTokenTest {

  private static String raw(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsWithAndWithoutTheRemainingCount() {
    ContinueToken counted = new ContinueToken(42, "ns", "cm-1", 9_500L);
    ContinueToken selected = new ContinueToken(42, "", "node-1", null);

    assertThat(ContinueToken.decode(counted.encode())).isEqualTo(counted);
    assertThat(ContinueToken.decode(selected.encode())).isEqualTo(selected);
  }

  @Test
  void refusesMalformedTokensAsInvalid() {
    for (String token :
        new String[] {raw("42/ns"), raw("0/ns/a"), raw("x/ns/a"), raw("42/ns/a/-1"), "%%"}) {
      assertThatThrownBy(() -> ContinueToken.decode(token))
          .as(token)
          .isInstanceOf(StorageException.Invalid.class)
          .hasMessageStartingWith("continue key is not valid");
    }
  }
}
