package io.bosun.agent.volume.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bosun.agent.volume.internal.AtomicWriter.FileContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {
  @TempDir Path dir;

  private static FileContent text(String value) {
    return new FileContent(value.getBytes(StandardCharsets.UTF_8), 0644);
  }

  @Test
  void swapsVersionsThroughTheDataLinkAndRemovesWhatIsGone() throws Exception {
    assertThat(AtomicWriter.write(dir, Map.of("a", text("1"), "sub/b", text("2")))).isTrue();
    Path first = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    assertThat(Files.readString(dir.resolve("a"))).isEqualTo("1");
    assertThat(Files.readString(dir.resolve("sub/b"))).isEqualTo("2");
    assertThat(Files.readSymbolicLink(dir.resolve("a"))).isEqualTo(Path.of("..data/a"));

    assertThat(AtomicWriter.write(dir, Map.of("a", text("1"), "sub/b", text("2")))).isFalse();
    assertThat(AtomicWriter.write(dir, Map.of("a", text("3")))).isTrue();

    assertThat(Files.readString(dir.resolve("a"))).isEqualTo("3");
    assertThat(Files.exists(dir.resolve("sub"))).isFalse();
    assertThat(Files.exists(first)).isFalse();
    try (Stream<Path> entries = Files.list(dir)) {
      assertThat(
              entries
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.startsWith("..") && !n.equals("..data")))
          .hasSize(1);
    }
  }

  @Test
  void refusesPathsThatLeaveTheVolume() {
    assertThatThrownBy(() -> AtomicWriter.write(dir, Map.of("../x", text("1"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AtomicWriter.write(dir, Map.of("/etc/x", text("1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
