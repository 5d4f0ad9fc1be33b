package io.bosun.apiserver.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path dataDir;

  @Test
  void createsAnOwnerOnlyTokenOnceAndReusesIt() throws Exception {
    String first = AdminToken.loadOrCreate(dataDir);
    String second = AdminToken.loadOrCreate(dataDir);

    assertThat(first).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(second).isEqualTo(first);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(AdminToken.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void differsBetweenDataDirectories(@TempDir Path other) throws Exception {
    assertThat(AdminToken.loadOrCreate(dataDir)).isNotEqualTo(AdminToken.loadOrCreate(other));
  }
}
