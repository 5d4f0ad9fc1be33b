package io.bosun.apiserver.auth;

import java.util.List;
import java.util.Objects;

/** An authenticated user: a name and the groups it belongs to. */
public record UserInfo(String name, List<String> groups) {
  public UserInfo {
    Objects.requireNonNull(name, "name");
    groups = List.copyOf(groups);
  }
}
