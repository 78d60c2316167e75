package io.ginpreflight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import io.ginpreflight.config.PreflightConfig;
import io.ginpreflight.gatling.GatlingRecord;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run owns is closed with it. */
class PreflightRunTest {

  @TempDir
  Path project;

  /** A remote target that answers, and offers no signal: enough to open a run with -Dpreflight.inconclusive=warn. */
  private HttpServer target;

  @BeforeEach
  void startTarget() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", exchange -> {
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, -1);
      exchange.close();
    });
    target.start();
  }

  @AfterEach
  void stopTarget() {
    target.stop(0);
  }

  @Test
  void theRawClientThreadsAreClosedWithTheRun() throws Exception {
    // GIVEN a run against the target
    PreflightRun run = PreflightRun.open("PreflightRunTest", PreflightConfig.from(ConfigFactory.parseMap(Map.of(
        "preflight.target.url", "http://127.0.0.1:" + target.getAddress().getPort(),
        "preflight.inconclusive", "warn",
        "preflight.project-dir", project.toString())), Optional.empty()));

    // WHEN it closes
    run.close();

    // THEN its raw clients are closed too: a client that comes later is refused, not run
    GatlingRecord late = run.rawClients().run("late", () -> {}).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("late", false, "raw-client pool closed with the run; the client was not run"),
        List.of(late.name(), late.ok(), late.message()));
  }
}
