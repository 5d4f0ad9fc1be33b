package io.bosun.agent.image;

import io.bosun.agent.runtime.internal.Executables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The images the agent can stand in for with tools found on this machine. */
final class BuiltInImages {
  private BuiltInImages() {}

  static List<ImageEntry> find(String path) {
    List<ImageEntry> entries = new ArrayList<>();
    which("python3", path)
        .ifPresent(
            python -> {
              // Unbuffered output, so that kubectl logs shows prints as they happen.
              Map<String, String> env = Map.of("PYTHONUNBUFFERED", "1");
              for (String name : List.of("python", "python3")) {
                entries.add(new ImageEntry(name, List.of(), List.of(python), env));
              }
            });
    which("sh", path)
        .ifPresent(
            sh -> {
              for (String name : List.of("busybox", "alpine")) {
                entries.add(ImageEntry.ofArgs(name, sh));
              }
            });
    which("bash", path)
        .ifPresent(
            bash -> {
              for (String name : List.of("bash", "debian", "ubuntu")) {
                entries.add(ImageEntry.ofArgs(name, bash));
              }
            });
    which("sleep", path)
        .ifPresent(
            sleep -> {
              for (String name : List.of("registry.k8s.io/pause", "k8s.gcr.io/pause")) {
                entries.add(ImageEntry.ofCommand(name, sleep, "infinity"));
              }
            });
    which("curl", path)
        .ifPresent(curl -> entries.add(ImageEntry.ofCommand("curlimages/curl", curl)));
    return entries;
  }

  private static Optional<String> which(String name, String path) {
    return Executables.which(name, path).map(Path::toString);
  }
}
