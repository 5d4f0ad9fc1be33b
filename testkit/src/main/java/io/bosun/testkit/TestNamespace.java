package io.bosun.testkit;

import java.util.Objects;

/**
 * The namespace the test kit created for one test; deleted after it. Objects a test makes there
 * cannot collide with another test's.
 *
 * @param name the namespace's name
 */
public record TestNamespace(String name) {

  public TestNamespace {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public String toString() {
    return name;
  }
}
