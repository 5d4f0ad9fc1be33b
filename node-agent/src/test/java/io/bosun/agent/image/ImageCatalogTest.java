package io.bosun.agent.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCatalogTest {
  @TempDir Path dir;

  @Test
  void normalizesReferencesAsDockerDoes() {
    assertThat(ImageReference.parse("busybox").familiarName()).isEqualTo("busybox");
    assertThat(ImageReference.parse("docker.io/library/busybox:1.36"))
        .isEqualTo(new ImageReference("docker.io", "library/busybox", "1.36", null));
    assertThat(ImageReference.parse("index.docker.io/busybox").path()).isEqualTo("library/busybox");
    assertThat(ImageReference.parse("localhost:5000/team/app:v1"))
        .isEqualTo(new ImageReference("localhost:5000", "team/app", "v1", null));
    assertThat(ImageReference.parse("ghcr.io/org/tool@sha256:abc").digest())
        .isEqualTo("sha256:abc");
    assertThatThrownBy(() -> ImageReference.parse("bad image"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolvesATaggedEntryBeforeAnUntaggedOneAndAnyRegistrySpelling() {
    ImageCatalog catalog =
        ImageCatalog.of(
            List.of(
                ImageEntry.ofArgs("python", "python3"),
                ImageEntry.ofCommand("python:3.12", "/opt/py312/bin/python3")));

    assertThat(catalog.resolve("python:3.12").orElseThrow().command())
        .containsExactly("/opt/py312/bin/python3");
    assertThat(catalog.resolve("docker.io/library/python:3.12").orElseThrow().command())
        .containsExactly("/opt/py312/bin/python3");
    assertThat(catalog.resolve("python:3.11").orElseThrow().args()).containsExactly("python3");
    assertThat(catalog.resolve("python").orElseThrow().args()).containsExactly("python3");
    assertThat(catalog.resolve("ghcr.io/python")).isEmpty();
    assertThat(catalog.resolve("not an image")).isEmpty();
  }

  @Test
  void aCatalogFileComesBeforeTheBuiltInEntries() throws Exception {
    Path file = dir.resolve("images.yaml");
    Files.writeString(
        file,
        "images:\n"
            + "  - name: ghcr.io/acme/server:2\n"
            + "    command: [/opt/acme/server]\n"
            + "    args: [--port=8080]\n"
            + "    env: {MODE: prod}\n"
            + "  - name: busybox\n"
            + "    args: [/bin/true]\n");

    ImageCatalog catalog = ImageCatalog.load(file);

    ImageEntry acme = catalog.resolve("ghcr.io/acme/server:2").orElseThrow();
    assertThat(acme.command()).containsExactly("/opt/acme/server");
    assertThat(acme.args()).containsExactly("--port=8080");
    assertThat(acme.env()).containsEntry("MODE", "prod");
    assertThat(catalog.resolve("busybox").orElseThrow().args()).containsExactly("/bin/true");
    assertThat(catalog.resolve("registry.k8s.io/pause:3.9").orElseThrow().command())
        .endsWith("infinity");
    assertThat(catalog.unresolvedMessage("nginx")).contains(file.toString());
  }

  @Test
  void aBadCatalogFileNamesTheEntryAtFault() throws Exception {
    Path file = dir.resolve("images.yaml");
    Files.writeString(file, "images:\n  - name: ok\n    args: [x]\n  - name: empty\n");

    assertThatThrownBy(() -> ImageCatalog.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": images[1]: image empty needs a command or args to run");
  }

  @Test
  void builtInEntriesUseToolsOfThisMachine() {
    ImageEntry python = ImageCatalog.builtIn().resolve("python:3.12").orElseThrow();
    assertThat(Path.of(python.args().get(0))).isExecutable();
    assertThat(python.env()).containsEntry("PYTHONUNBUFFERED", "1");
    assertThat(Path.of(ImageCatalog.builtIn().resolve("busybox").orElseThrow().args().get(0)))
        .isExecutable();
  }
}
