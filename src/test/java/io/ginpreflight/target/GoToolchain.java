package io.ginpreflight.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the {@code go} command the way a shell would, plus the usual install location. */
public final class GoToolchain {

  private GoToolchain() {}

  public static Path require() {
    return find().orElseThrow(() -> new TargetStartFailure(
        "No Go toolchain found (no 'go' on PATH or in /usr/local/go/bin), so the embedded gin-lab cannot "
            + "be built: install Go 1.26 or newer, or set -Dpreflight.target.url=http://127.0.0.1:PORT to "
            + "test a Gin service that is already running."));
  }

  /** The {@code go} a build would use, if any; tests that need Go ask this to skip rather than fail. */
  public static Optional<Path> find() {
    return find(System.getenv().getOrDefault("PATH", ""), List.of(Path.of("/usr/local/go/bin")));
  }

  /** The first executable {@code go} in the PATH's directories, then in {@code extraDirs}. */
  static Optional<Path> find(String pathVariable, List<Path> extraDirs) {
    return Stream.concat(
            Stream.of(pathVariable.split(java.io.File.pathSeparator)).filter(dir -> !dir.isBlank()).map(Path::of),
            extraDirs.stream())
        .map(dir -> dir.resolve("go"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
