package io.ginpreflight.target;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the {@code go} command the way a shell would, plus the usual install location. */
public final class GoToolchain {

  private GoToolchain() {}

  public static Path require() {
    return find().orElseThrow(() -> new TargetStartFailure(
        "No Go toolchain found (no 'go' on PATH or in /usr/local/go/bin), so the embedded gin-lab cannot "
            + "be built: install Go 1.24 or newer, or set -Dpreflight.target.url=http://127.0.0.1:PORT to "
            + "test a Gin service that is already running."));
  }

  public static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/local/go/bin"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "go"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
