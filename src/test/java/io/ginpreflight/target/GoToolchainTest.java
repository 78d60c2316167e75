package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoToolchainTest {

  @Test
  void findsGoInThePathBeforeTheExtraDirectories(@TempDir Path dir) throws Exception {
    Path first = Files.createDirectories(dir.resolve("first"));
    Path extra = Files.createDirectories(dir.resolve("extra"));
    executable(first.resolve("go"));
    executable(extra.resolve("go"));
    assertEquals(Optional.of(first.resolve("go")), GoToolchain.find("/nonexistent:" + first, List.of(extra)));
  }

  @Test
  void noGoAnywhereIsEmpty(@TempDir Path dir) {
    assertTrue(GoToolchain.find(dir.toString(), List.of(dir.resolve("none"))).isEmpty());
  }

  @Test
  void aFileThatIsNotExecutableIsNotGo(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("go"), "not a program");
    assertTrue(GoToolchain.find(dir.toString(), List.of()).isEmpty());
  }

  private static void executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
