package io.bosun.agent.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bosun.agent.logs.LogRotation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a container's {@link ProcessContainer.Launch} into checkpoint fields and back. */
final class Checkpoints {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Checkpoints() {}

  static Map<String, String> encode(ProcessContainer.Launch launch) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("pid", Long.toString(launch.pid()));
    data.put("startTicks", Long.toString(launch.startTicks()));
    data.put("startedAt", launch.startedAt().toString());
    data.put("dir", launch.dir().toString());
    data.put(
        "cgroup", String.join("\n", launch.cgroup().dirs().stream().map(Path::toString).toList()));
    data.put("logFile", launch.logFile().toString());
    data.put("logMaxFileBytes", Long.toString(launch.logRotation().maxFileBytes()));
    data.put("logMaxFiles", Integer.toString(launch.logRotation().maxFiles()));
    data.put("workingDir", launch.workingDir().toString());
    data.put("runAs", String.join("\n", launch.runAs()));
    try {
      data.put("env", JSON.writeValueAsString(launch.env()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return data;
  }

  static ProcessContainer.Launch decode(String id, Map<String, String> data) {
    try {
      String cgroup = data.getOrDefault("cgroup", "");
      String runAs = data.getOrDefault("runAs", "");
      return new ProcessContainer.Launch(
          id,
          Long.parseLong(data.get("pid")),
          Long.parseLong(data.get("startTicks")),
          Instant.parse(data.get("startedAt")),
          Path.of(data.get("dir")),
          new Cgroup(
              cgroup.isEmpty()
                  ? List.of()
                  : Arrays.stream(cgroup.split("\n")).map(Path::of).toList()),
          Path.of(data.get("logFile")),
          new LogRotation(
              Long.parseLong(data.get("logMaxFileBytes")),
              Integer.parseInt(data.get("logMaxFiles"))),
          JSON.readValue(data.get("env"), new TypeReference<Map<String, String>>() {}),
          Path.of(data.get("workingDir")),
          runAs.isEmpty() ? List.of() : List.of(runAs.split("\n")));
    } catch (RuntimeException | JsonProcessingException e) {
      throw new IllegalArgumentException("not a process runtime checkpoint: " + data, e);
    }
  }
}
