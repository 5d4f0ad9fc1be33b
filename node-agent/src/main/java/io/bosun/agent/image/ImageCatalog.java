package io.bosun.agent.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps image names to what they run on this machine. A process runtime pulls nothing: an image is
 * only a name for an entrypoint and default arguments. Entries from a catalog file come first, then
 * the {@link #builtIn() built-in} ones; an entry with a tag beats one without.
 *
 * <p>The file is YAML:
 *
 * <pre>
 * images:
 *   - name: python:3.12          # a tagless name matches every tag
 *     args: [python3]            # the image's CMD
 *     env: {PYTHONUNBUFFERED: "1"}
 *   - name: ghcr.io/acme/server
 *     command: [/opt/acme/bin/server]   # the image's ENTRYPOINT
 *     args: [--port=8080]
 * </pre>
 */
public final class ImageCatalog {
  private final List<ImageEntry> entries;
  private final List<ImageReference> references;
  private final String source;

  private ImageCatalog(List<ImageEntry> entries, String source) {
    this.entries = List.copyOf(entries);
    this.references = entries.stream().map(entry -> ImageReference.parse(entry.name())).toList();
    this.source = source;
  }

  /** A catalog of exactly {@code entries}, in that order of preference. */
  public static ImageCatalog of(List<ImageEntry> entries) {
    return new ImageCatalog(Objects.requireNonNull(entries, "entries"), "");
  }

  /** The built-in entries for the tools found on this machine's {@code PATH}. */
  public static ImageCatalog builtIn() {
    return of(BuiltInImages.find(System.getenv("PATH")));
  }

  /**
   * The entries of a catalog file followed by the built-in ones.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a valid catalog, naming the entry at fault
   */
  public static ImageCatalog load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    List<ImageEntry> entries = new ArrayList<>();
    JsonNode images = root == null ? null : root.get("images");
    if (images != null && !images.isArray()) {
      throw new IllegalArgumentException(file + ": images must be a list");
    }
    if (images != null) {
      for (int i = 0; i < images.size(); i++) {
        entries.add(entry(images.get(i), file + ": images[" + i + "]"));
      }
    }
    entries.addAll(builtIn().entries);
    return new ImageCatalog(entries, file.toString());
  }

  private static ImageEntry entry(JsonNode node, String where) {
    try {
      String name = node.path("name").asText("");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("name is required");
      }
      ImageReference.parse(name);
      Map<String, String> env = new LinkedHashMap<>();
      node.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      return new ImageEntry(name, strings(node.path("command")), strings(node.path("args")), env);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  /** The entries, most preferred first. */
  public List<ImageEntry> entries() {
    return entries;
  }

  /**
   * The entry for {@code image}, if any: one whose name has the same repository and tag, else one
   * whose name has the same repository and no tag. A malformed image name resolves to nothing.
   */
  public Optional<ImageEntry> resolve(String image) {
    ImageReference wanted;
    try {
      wanted = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String tag = wanted.tag() == null ? "latest" : wanted.tag();
    ImageEntry untagged = null;
    for (int i = 0; i < entries.size(); i++) {
      ImageReference candidate = references.get(i);
      if (!candidate.domain().equals(wanted.domain()) || !candidate.path().equals(wanted.path())) {
        continue;
      }
      if (candidate.tag() == null) {
        untagged = untagged == null ? entries.get(i) : untagged;
      } else if (candidate.tag().equals(tag)) {
        return Optional.of(entries.get(i));
      }
    }
    return Optional.ofNullable(untagged);
  }

  /** Says why {@code image} cannot run and how to map it: the message of an ErrImagePull. */
  public String unresolvedMessage(String image) {
    String where = source.isEmpty() ? "the agent's image catalog file" : source;
    return "Failed to pull image \""
        + image
        + "\": the process runtime has no registry and the image is not in the image catalog; "
        + "map it in "
        + where
        + " (images: [{name: "
        + image
        + ", command: [/path/to/executable], args: [...]}]) or give the container a command";
  }
}
