package io.bosun.controller.informer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceVersionsTest {

  @Test
  void comparesIntegerVersionsNumerically() {
    assertThat(ResourceVersions.isNewer("10", "9")).isTrue();
    assertThat(ResourceVersions.isNewer("9", "10")).isFalse();
    assertThat(ResourceVersions.isNewer("10", "10")).isFalse();
    assertThat(ResourceVersions.isOlder("9", "10")).isTrue();
  }

  @Test
  void knowsNothingAboutVersionsThatAreNotIntegers() {
    assertThat(ResourceVersions.isNewer("b", "a")).isFalse();
    assertThat(ResourceVersions.isNewer("10", "")).isFalse();
    assertThat(ResourceVersions.isOlder("1", "x")).isFalse();
    assertThat(ResourceVersions.isNewer("99999999999999999999", "1")).isFalse();
  }
}
