package io.bosun.agent.pod.internal;

import java.nio.file.Path;

/**
 * Where a pod's files are: {@code pods/<uid>/} holds its checkpoint, {@code volumes/<name>} and
 * each container's root {@code rootfs/<container>}; its logs are in {@code
 * logs/<namespace>_<name>_<uid>/<container>/<restartCount>.log}, as in the kubelet's /var/log/pods.
 */
record PodLayout(Path dir, Path logDir) {
  static PodLayout of(Path dataDir, String namespace, String name, String uid) {
    return new PodLayout(
        dataDir.resolve("pods").resolve(uid),
        dataDir.resolve("logs").resolve(namespace + "_" + name + "_" + uid));
  }

  Path checkpoint() {
    return dir.resolve("state.json");
  }

  Path volumes() {
    return dir.resolve("volumes");
  }

  Path root(String container) {
    return dir.resolve("rootfs").resolve(container);
  }

  Path logFile(String container, int restartCount) {
    return logDir.resolve(container).resolve(restartCount + ".log");
  }
}
