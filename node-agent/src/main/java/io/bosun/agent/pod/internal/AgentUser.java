package io.bosun.agent.pod.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The user the agent runs as. */
final class AgentUser {
  private static final long UID = read();

  private AgentUser() {}

  static long uid() {
    return UID;
  }

  private static long read() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }
}
