package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.target.GoToolchain;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoBuildInfoTest {

  @Test
  @RequiresGo("to build testdata/sessionsvc and compare with go version -m")
  void readsWhatGoVersionMReadsFromARealBinary(@TempDir Path dir) throws Exception {
    // GIVEN sessionsvc built by the Go toolchain (module example.com/sessionsvc, gin among its dependencies)
    Path binary = dir.resolve("sessionsvc");
    Path source = GatlingProcess.projectDir().resolve("src/test/resources/testdata/sessionsvc");
    run(source, GoToolchain.require().toString(), "build", "-o", binary.toString(), "./cmd/sessionsvc");

    // WHEN the Java reader and go version -m read it
    BuildInfo info = GoBuildInfo.read(binary);
    String reference = run(source, GoToolchain.require().toString(), "version", "-m", binary.toString());

    // THEN they agree on the Go version, the main module and every dependency with its version
    assertTrue(info.known(), info.unknown());
    assertTrue(reference.startsWith(binary + ": " + info.goVersion() + "\n"), reference);
    assertEquals("example.com/sessionsvc", info.main().path());
    List<String> deps = new ArrayList<>();
    for (String line : reference.split("\n")) {
      String[] f = line.strip().split("\t");
      if (f[0].equals("dep")) {
        deps.add(f[1] + " " + f[2]);
      }
    }
    assertEquals(deps, info.dependencies().stream().map(GoModule::quoted).toList());
    assertTrue(info.moduleOf("github.com/gin-gonic/gin/render").map(GoModule::path)
        .filter("github.com/gin-gonic/gin"::equals).isPresent(), info.dependencies().toString());
  }

  @Test
  void aFileThatIsNotAnExecutableIsUnknownWithWhy(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("service.sh"), "#!/bin/sh\nexec ./service\n");

    BuildInfo info = GoBuildInfo.read(text);

    assertFalse(info.known());
    assertEquals(text + ": not an ELF executable, so its Go build info is not read (Linux targets only)",
        info.unknown());
  }

  @Test
  void anElfThatIsNotGoSaysSo() {
    // The JVM running this test is an ELF without Go's section.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    BuildInfo info = GoBuildInfo.read(java);

    assertEquals(java + ": no .go.buildinfo section: not a Go binary, or built before Go 1.13", info.unknown());
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(3, TimeUnit.MINUTES) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
    return output;
  }
}
