package io.bosun.agent.pod.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a container's mounts appear on the host. A process runtime has no mount namespace, so each
 * container gets a root directory (its {@code BOSUN_ROOT}) and each {@code mountPath} becomes a
 * symlink below it to the volume's directory: {@code /etc/config} is {@code
 * $BOSUN_ROOT/etc/config}. The container learns each place from {@code BOSUN_MOUNT_ETC_CONFIG}, and
 * arguments, env values and the working directory that begin with a mount path (or hold one right
 * after their first {@code =}, as in {@code --config=/etc/config/app.yaml}) are rewritten to the
 * host path. See docs/decisions/0007-node-agent-pods-as-processes.md.
 */
final class MountLayout {
  /** The variable holding a container's root directory. */
  static final String ROOT_VARIABLE = "BOSUN_ROOT";

  private final Path root;
  private final List<String[]> mounts;

  private MountLayout(Path root, List<String[]> mounts) {
    this.root = root;
    this.mounts = mounts;
  }

  /**
   * Lays out {@code container}'s mounts below {@code root}.
   *
   * @param volumes each volume's directory, by name
   * @param env the container's variables, for {@code subPathExpr}
   * @throws SetupException with CreateContainerConfigError for a mount of an unknown volume, or
   *     CreateContainerError if the layout cannot be made
   */
  static MountLayout create(
      Path root, Container container, Map<String, Path> volumes, Function<String, String> env)
      throws SetupException {
    List<VolumeMount> sorted =
        new ArrayList<>(
            container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts());
    sorted.sort(Comparator.comparingInt(m -> normalize(m.getMountPath()).length()));
    List<String[]> mounts = new ArrayList<>();
    try {
      Files.createDirectories(root);
      for (VolumeMount mount : sorted) {
        Path source = volumes.get(mount.getName());
        if (source == null) {
          throw new SetupException(
              Waiting.CREATE_CONTAINER_CONFIG_ERROR,
              "cannot find volume \""
                  + mount.getName()
                  + "\" to mount into container \""
                  + container.getName()
                  + "\"");
        }
        String subPath = mount.getSubPath();
        if (mount.getSubPathExpr() != null && !mount.getSubPathExpr().isEmpty()) {
          subPath = Expansion.expand(mount.getSubPathExpr(), env);
        }
        if (subPath != null && !subPath.isEmpty()) {
          if (Path.of(subPath).isAbsolute() || List.of(subPath.split("/")).contains("..")) {
            throw new SetupException(
                Waiting.CREATE_CONTAINER_CONFIG_ERROR, "invalid subPath \"" + subPath + "\"");
          }
          source = source.resolve(subPath);
          if (!Files.exists(source)) {
            Files.createDirectories(source);
          }
        }
        String mountPath = normalize(mount.getMountPath());
        Path target = root.resolve(mountPath.substring(1));
        link(target, source);
        mounts.add(new String[] {mountPath, target.toString()});
      }
    } catch (IOException e) {
      throw new SetupException(
          Waiting.CREATE_CONTAINER_ERROR,
          "cannot lay out the container's mounts: " + e.getMessage());
    }
    mounts.sort(Comparator.comparingInt((String[] m) -> m[0].length()).reversed());
    return new MountLayout(root, mounts);
  }

  private static void link(Path target, Path source) throws IOException {
    Files.createDirectories(target.getParent());
    if (Files.isSymbolicLink(target)) {
      if (Files.readSymbolicLink(target).equals(source)) {
        return;
      }
      Files.delete(target);
    } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      // A directory made earlier for a working directory: replaced if empty, else an error.
      Files.delete(target);
    }
    Files.createSymbolicLink(target, source);
  }

  private static String normalize(String mountPath) {
    String normalized = Path.of("/").resolve(mountPath).normalize().toString();
    return normalized.isEmpty() ? "/" : normalized;
  }

  /** The container's root directory. */
  Path root() {
    return root;
  }

  /** BOSUN_ROOT and a BOSUN_MOUNT_ variable per mount. */
  Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(ROOT_VARIABLE, root.toString());
    for (String[] mount : mounts) {
      String name = mount[0].substring(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
      if (!name.isEmpty()) {
        variables.put("BOSUN_MOUNT_" + name, mount[1]);
      }
    }
    return variables;
  }

  /** {@code value} with a leading mount path (or one right after its first '=') on the host. */
  String rewrite(String value) {
    if (value == null) {
      return null;
    }
    int equals = value.indexOf('=');
    if (equals >= 0 && !value.startsWith("/")) {
      return value.substring(0, equals + 1) + rewritePath(value.substring(equals + 1));
    }
    return rewritePath(value);
  }

  private String rewritePath(String value) {
    for (String[] mount : mounts) {
      if (value.equals(mount[0]) || value.startsWith(mount[0] + "/")) {
        return mount[1] + value.substring(mount[0].length());
      }
    }
    return value;
  }

  /**
   * The working directory: below the root (a mount's directory when it is one), created if it does
   * not exist; the root itself when none is set.
   */
  Path workingDir(String workingDir) throws IOException {
    if (workingDir == null || workingDir.isEmpty()) {
      return root;
    }
    String path = normalize(workingDir);
    String rewritten = rewritePath(path);
    Path dir = rewritten.equals(path) ? root.resolve(path.substring(1)) : Path.of(rewritten);
    Files.createDirectories(dir);
    return dir;
  }
}
