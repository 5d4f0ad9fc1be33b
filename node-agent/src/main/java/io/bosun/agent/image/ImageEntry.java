package io.bosun.agent.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an image would run, for a runtime that has no registry: the image's entrypoint and default
 * arguments, in the container's own terms. A container's {@code command} replaces {@link #command}
 * and its {@code args} replace {@link #args}, exactly as they replace an image's ENTRYPOINT and
 * CMD.
 *
 * @param name the image it stands for: a familiar repository name ({@code python}, {@code
 *     ghcr.io/org/tool}), optionally with a tag; without a tag it stands for every tag
 * @param command the entrypoint (may be empty, as for images that have only a CMD)
 * @param args the default arguments, used when the container gives neither command nor args
 * @param env environment the image would set (its ENV), under the container's own env
 */
public record ImageEntry(
    String name, List<String> command, List<String> args, Map<String, String> env) {

  /** Checks the entry and copies its lists. */
  public ImageEntry {
    Objects.requireNonNull(name, "name");
    command = List.copyOf(command == null ? List.of() : command);
    args = List.copyOf(args == null ? List.of() : args);
    env = Map.copyOf(env == null ? Map.of() : env);
    if (command.isEmpty() && args.isEmpty()) {
      throw new IllegalArgumentException("image " + name + " needs a command or args to run");
    }
  }

  /** An entry with an entrypoint and no default arguments. */
  public static ImageEntry ofCommand(String name, String... command) {
    return new ImageEntry(name, List.of(command), List.of(), Map.of());
  }

  /** An entry with only default arguments, like an image that sets CMD and no ENTRYPOINT. */
  public static ImageEntry ofArgs(String name, String... args) {
    return new ImageEntry(name, List.of(), List.of(args), Map.of());
  }
}
