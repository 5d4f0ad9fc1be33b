package io.bosun.apiserver.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Once the apiserver runs, Mutiny hands operators the callbacks as given (decision 0017). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MutinyCallbacksIT {
  @Test
  void callbacksAreNotWrappedForContextPropagation() {
    Function<Integer, Integer> next = n -> n + 1;

    assertThat(Infrastructure.decorate(next)).isSameAs(next);
    assertThat(Uni.createFrom().item(1).map(next).await().indefinitely()).isEqualTo(2);
  }
}
