package io.bosun.agent.volume.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a volume's files so that a reader never sees a mix of old and new, as the kubelet's
 * AtomicWriter does: each version is a hidden directory {@code ..<time>.<random>}, the symlink
 * {@code ..data} points at the current one and is replaced by a rename, and each visible top-level
 * name is a symlink through {@code ..data}. Writing what is already there does nothing.
 */
public final class AtomicWriter {
  static final String DATA = "..data";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One file of a volume: its content and permission bits. */
  public record FileContent(byte[] data, int mode) {
    @Override
    public boolean equals(Object other) {
      return other instanceof FileContent that
          && mode == that.mode
          && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(data) + mode;
    }
  }

  private AtomicWriter() {}

  /**
   * Makes {@code dir} hold exactly {@code payload} (relative paths to contents).
   *
   * @return whether anything changed
   * @throws IllegalArgumentException for a path that is absolute or climbs out with {@code ..}
   */
  public static boolean write(Path dir, Map<String, FileContent> payload) throws IOException {
    for (String path : payload.keySet()) {
      Path relative = Path.of(path);
      if (path.isEmpty()
          || relative.isAbsolute()
          || path.startsWith("..")
          || Arrays.stream(path.split("/")).anyMatch(".."::equals)) {
        throw new IllegalArgumentException("invalid path in volume: " + path);
      }
    }
    Files.createDirectories(dir);
    Path link = dir.resolve(DATA);
    Path old = Files.isSymbolicLink(link) ? dir.resolve(Files.readSymbolicLink(link)) : null;
    if (old != null && payload.equals(read(old))) {
      return false;
    }
    Path version =
        Files.createDirectory(dir.resolve(".." + System.currentTimeMillis() + "." + randomHex()));
    for (Map.Entry<String, FileContent> file : new TreeMap<>(payload).entrySet()) {
      Path target = version.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue().data());
      Files.setPosixFilePermissions(target, permissions(file.getValue().mode()));
    }
    Path temporary = dir.resolve(DATA + "_tmp");
    Files.deleteIfExists(temporary);
    Files.createSymbolicLink(temporary, version.getFileName());
    Files.move(
        temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Set<String> visible = new HashSet<>();
    for (String path : payload.keySet()) {
      visible.add(path.split("/")[0]);
    }
    for (String name : visible) {
      try {
        Files.createSymbolicLink(dir.resolve(name), Path.of(DATA, name));
      } catch (FileAlreadyExistsException e) {
        // Already points through ..data.
      }
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith("..") && !visible.contains(name) && Files.isSymbolicLink(entry)) {
          Files.delete(entry);
        }
      }
    }
    if (old != null) {
      deleteTree(old);
    }
    return true;
  }

  private static String randomHex() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The files of one version directory. */
  private static Map<String, FileContent> read(Path version) throws IOException {
    Map<String, FileContent> files = new TreeMap<>();
    if (!Files.isDirectory(version)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(version)) {
      for (Path file :
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        files.put(
            version.relativize(file).toString(),
            new FileContent(Files.readAllBytes(file), mode(file)));
      }
    }
    return files;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = new HashSet<>();
    PosixFilePermission[] bits = PosixFilePermission.values();
    // PosixFilePermission lists OWNER_READ..OTHERS_EXECUTE, from bit 8 down to bit 0.
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static int mode(Path file) throws IOException {
    int mode = 0;
    PosixFilePermission[] bits = PosixFilePermission.values();
    Set<PosixFilePermission> set = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    for (int i = 0; i < 9; i++) {
      if (set.contains(bits[i])) {
        mode |= 1 << (8 - i);
      }
    }
    return mode;
  }

  /** Deletes a directory tree, without following symlinks. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
