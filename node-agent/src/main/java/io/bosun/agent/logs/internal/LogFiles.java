package io.bosun.agent.logs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one container run: {@code N.log} being written and its rotated predecessors {@code
 * N.log.000001}, {@code N.log.000002}, ... (higher is newer).
 */
public final class LogFiles {
  private LogFiles() {}

  /** The rotated files of {@code file}, oldest first. */
  public static List<Path> rotated(Path file) {
    String prefix = file.getFileName() + ".";
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(file.getParent())) {
      return found;
    }
    try (Stream<Path> listing = Files.list(file.getParent())) {
      listing
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> sequence(p) > 0)
          .forEach(found::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(Comparator.comparingLong(LogFiles::sequence));
    return found;
  }

  /** Every file of the run, oldest first, ending with {@code file} itself if it exists. */
  public static List<Path> all(Path file) {
    List<Path> files = rotated(file);
    if (Files.exists(file)) {
      files.add(file);
    }
    return files;
  }

  static Path rotatedName(Path file, long sequence) {
    return file.resolveSibling(file.getFileName() + "." + String.format("%06d", sequence));
  }

  static long sequence(Path rotated) {
    String name = rotated.getFileName().toString();
    String suffix = name.substring(name.lastIndexOf('.') + 1);
    try {
      return suffix.chars().allMatch(Character::isDigit) ? Long.parseLong(suffix) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Deletes every file of the run. */
  public static void delete(Path file) throws IOException {
    for (Path path : all(file)) {
      Files.deleteIfExists(path);
    }
  }
}
