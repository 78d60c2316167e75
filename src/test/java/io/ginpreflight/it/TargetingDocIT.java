package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/targeting-your-service.md's complete example, taken from the page and run as written against the
 * service it names (testdata/intake, started with go run): only its two ports are swapped for free ones,
 * so the test cannot collide with a service already on 8080 or 6060.
 */
@RequiresGo("to go run testdata/intake")
class TargetingDocIT {

  private static final Path DOC = GatlingProcess.projectDir().resolve("docs/targeting-your-service.md");
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  @Test
  void theCompleteExampleRunsAsWrittenAndPasses() throws Exception {
    String example = completeExample();
    int api = LoopbackPorts.free();
    int pprof = LoopbackPorts.free();
    Path conf = Files.createTempDirectory(GatlingProcess.projectDir().resolve("target"), "it-doc-")
        .resolve("intake.conf");
    Files.writeString(conf, example.replace("127.0.0.1:8080", "127.0.0.1:" + api)
        .replace("127.0.0.1:6060", "127.0.0.1:" + pprof));

    GatlingProcess run = GatlingProcess.run("io.ginpreflight.simulations.PreflightSimulation",
        Map.of("preflight.config", conf.toString()), RUN_TIMEOUT);

    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.matches("(?s).*> request count +\\| +[0-9,]+ \\| +[0-9,]+ \\| +- *\n.*"), run.output);
    // each line of the example took effect
    for (String request : List.of("live feed: event 2", "live feed: read 1 then drop", "export: first event",
        "live feed: hold open", "upload: oversized 9 MiB", "upload: single 4 MiB (spills to disk)",
        "openapi: PUT /v1/documents/{id}/tags")) {
      assertTrue(run.output.contains("\n" + request), request + " was not sent:\n" + run.output);
    }
    assertTrue(run.output.contains("family \"api\" skipped: preflight.families.api.enabled is false"), run.output);
  }

  /** The first hocon block after the page's "A complete example" heading. */
  private static String completeExample() throws Exception {
    String page = Files.readString(DOC);
    int section = page.indexOf("### A complete example for an external service");
    assertTrue(section >= 0, "the heading is gone from " + DOC);
    Matcher block = Pattern.compile("```hocon\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(block.find(section), "no hocon block after the heading in " + DOC);
    assertTrue(block.group(1).contains("127.0.0.1:8080") && block.group(1).contains("127.0.0.1:6060"),
        "the example no longer listens on 8080 and 6060: update this test's port swap");
    return block.group(1);
  }
}
