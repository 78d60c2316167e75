package io.ginpreflight.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's chromium, headless and offline, for tests that must see a page as a browser parses it. */
public final class HeadlessChromium {

  public static final Path BINARY = Path.of(System.getProperty("preflight.chromium", "/usr/bin/chromium"));
  /** A cold start on a 2-core CI runner takes a few seconds; past this something is wrong. */
  private static final long TIMEOUT_SECONDS = 90;

  private HeadlessChromium() {}

  public static void assumeInstalled() {
    assumeTrue(Files.isExecutable(BINARY), "Chromium not found at " + BINARY
        + ": install Debian's chromium (apt-get install -y chromium) or set -Dpreflight.chromium=<path>");
  }

  /** The DOM after parsing and layout, serialized by the browser itself. */
  public static String dumpDom(Path page, Path scratch) throws IOException, InterruptedException {
    Path out = scratch.resolve("dom.html");
    run(scratch, out, List.of("--dump-dom", page.toUri().toString()));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  public static Path screenshot(Path page, Path png, Path scratch) throws IOException, InterruptedException {
    run(scratch, scratch.resolve("screenshot.log"),
        List.of("--screenshot=" + png, "--window-size=1200,2600", "--hide-scrollbars", page.toUri().toString()));
    return png;
  }

  private static void run(Path scratch, Path stdout, List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(scratch, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(scratch.resolve("chromium-stderr.log").toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + process.exitValue() + ": "
          + Files.readString(scratch.resolve("chromium-stderr.log")));
    }
  }
}
