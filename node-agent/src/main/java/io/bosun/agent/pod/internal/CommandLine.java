package io.bosun.agent.pod.internal;

import io.bosun.agent.image.ImageCatalog;
import io.bosun.agent.image.ImageEntry;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a container runs: its {@code command} replaces the image's entrypoint and its {@code args}
 * the image's default arguments, exactly as with ENTRYPOINT and CMD; both are {@code $(VAR)}
 * expanded with the container's environment.
 */
final class CommandLine {
  private CommandLine() {}

  /**
   * The argv of {@code container}.
   *
   * @throws SetupException with ErrImagePull when the image is needed and not in the catalog
   */
  static List<String> of(Container container, ImageCatalog images, Function<String, String> env)
      throws SetupException {
    // Only the container's own command and args are expanded, not the image's.
    List<String> command = expand(orEmpty(container.getCommand()), env);
    List<String> args = expand(orEmpty(container.getArgs()), env);
    List<String> argv = new ArrayList<>();
    if (!command.isEmpty()) {
      argv.addAll(command);
      argv.addAll(args);
    } else {
      String image = container.getImage() == null ? "" : container.getImage();
      Optional<ImageEntry> entry = images.resolve(image);
      if (entry.isEmpty()) {
        throw new SetupException(Waiting.ERR_IMAGE_PULL, images.unresolvedMessage(image));
      }
      argv.addAll(entry.get().command());
      argv.addAll(args.isEmpty() ? entry.get().args() : args);
    }
    if (argv.isEmpty()) {
      throw new SetupException(
          Waiting.CREATE_CONTAINER_ERROR,
          "no command specified for container " + container.getName());
    }
    return argv;
  }

  private static List<String> expand(List<String> values, Function<String, String> env) {
    List<String> expanded = new ArrayList<>(values.size());
    for (String value : values) {
      expanded.add(Expansion.expand(value, env));
    }
    return expanded;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
