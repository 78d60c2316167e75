package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.TestServiceBuild;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A login per virtual user on a service not written for it: testdata/sessionsvc's {@code POST /v1/login},
 * its credentials from environment variables, its token from the JSON answer sent as a Bearer header by
 * every later request (a wrong token fails them with 401). Neither the credentials nor any token the
 * service issued may appear in a file the run wrote: Gatling's report and simulation.log, memory.json and
 * memory.html, samples, profiles, the published copy, the console.
 */
@RequiresGo("to build testdata/sessionsvc")
class LoginIT {

  private static final String SIMULATION = "io.ginpreflight.simulations.PreflightSimulation";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  /** sessionsvc's tokens: {@code <user>.<expiry, unix seconds>.<base64url HMAC-SHA256>} (internal/auth). */
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}\\.[0-9]{10}\\.[A-Za-z0-9_-]{43}");
  private static Path binary;

  // Fresh per run and unlike any word a report holds, so that finding one in a file can only be a leak.
  private final String user = "pf" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  private final String password = "pw-" + UUID.randomUUID();

  @BeforeAll
  static void buildSessionsvc() throws Exception {
    binary = TestServiceBuild.build("sessionsvc", "./cmd/sessionsvc",
        GatlingProcess.projectDir().resolve("target/it-sessionsvc-login/sessionsvc"));
  }

  private record Service(int port, Map<String, String> settings) {}

  private Service service(Map<String, String> overrides) {
    int port = LoopbackPorts.free();
    int pprof = LoopbackPorts.free();
    Map<String, String> settings = new HashMap<>(Map.of(
        "preflight.config", GatlingProcess.projectDir()
            .resolve("src/test/resources/testdata/sessionsvc-login/preflight-sessionsvc-login.conf").toString(),
        "preflight.target.url", "http://127.0.0.1:" + port,
        "preflight.pprof.url", "http://127.0.0.1:" + pprof + "/debug/pprof",
        "preflight.target.command", binary + " -addr 127.0.0.1:" + port + " -pprof-addr 127.0.0.1:" + pprof
            + " -exit-on-stdin-eof -demo-password " + password));
    settings.putAll(overrides);
    return new Service(port, settings);
  }

  @Test
  void everyVirtualUserLogsInAndNoCredentialOrTokenReachesAFile() throws Exception {
    // GIVEN sessionsvc with a password of its own, and the credentials in the environment only
    Service service = service(Map.of());
    AtomicReference<String> ownToken = new AtomicReference<>();

    // WHEN the run loads it, and while it does this test logs in too, for a real token to search for
    GatlingProcess run = GatlingProcess.run(SIMULATION, service.settings(),
        Map.of("SESSIONSVC_USER", user, "SESSIONSVC_PASSWORD", password), RUN_TIMEOUT,
        (process, log) -> ownToken.set(loginOnceUp(service.port(), process)));

    // THEN it passes with every request OK: each login answered a token the later requests were let in with
    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.matches("(?s).*> request count +\\| +[0-9,]+ \\| +[0-9,]+ \\| +- *\n.*"), run.output);
    assertTrue(run.output.contains("login: POST /v1/login (credentials from SESSIONSVC_PASSWORD, SESSIONSVC_USER; "
        + "token from JSON path $.token) answered a token; every virtual user of binding and api logs in first"),
        run.output);
    // recorded: Gatling's end-of-run assertions list every request name it recorded (its console is light)
    assertTrue(run.output.contains("\nlogin: percentage of failed events is less than or equal to 1.0 : true"),
        run.output);
    assertTrue(run.output.contains("\nsession: own profile (bearer): percentage of failed events is less than or equal "
        + "to 1.0 : true"), run.output);
    // AND the search can find a token: the one this test was issued has the shape searched for
    assertTrue(TOKEN.matcher(ownToken.get()).matches(), "sessionsvc's token shape changed: " + ownToken.get());
    // AND no file of the run holds the user, the password or any token
    List<Path> files = filesOf(run);
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("simulation.log")), files.toString());
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("memory.json")), files.toString());
    assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("index.html")), files.toString());
    for (Path file : files) {
      String text = readable(file);
      for (String secret : List.of(user, password, ownToken.get())) {
        assertFalse(text.contains(secret), file + " holds a credential or token");
      }
      assertFalse(TOKEN.matcher(text).find(), file + " holds a session token");
    }
    assertFalse(run.output.contains(user) || run.output.contains(password), "the console shows a credential");
  }

  @Test
  void aWrongPasswordStopsTheRunBeforeAnyLoadNamingTheVariables() throws Exception {
    GatlingProcess run = GatlingProcess.run(SIMULATION, service(Map.of()).settings(),
        Map.of("SESSIONSVC_USER", user, "SESSIONSVC_PASSWORD", "not-" + password), RUN_TIMEOUT, (p, log) -> {});

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("Gin Preflight cannot start: The login POST /v1/login (preflight.login) answered "
        + "HTTP 401, expected 200: check the credentials in SESSIONSVC_PASSWORD, SESSIONSVC_USER, "
        + "preflight.login.body and preflight.login.status."), run.output);
    assertTrue(run.runFolder().isEmpty(), "Gatling sent load: " + run.output);
    assertFalse(run.output.contains(password), "the console shows the password");
  }

  @Test
  void aTokenThatIsNotAtItsJsonPathStopsTheRunNamingTheFieldsThereAre() throws Exception {
    GatlingProcess run = GatlingProcess.run(SIMULATION,
        service(Map.of("preflight.login.token.json-path", "$.access_token")).settings(),
        Map.of("SESSIONSVC_USER", user, "SESSIONSVC_PASSWORD", password), RUN_TIMEOUT, (p, log) -> {});

    assertNotEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("Gin Preflight cannot start: The login POST /v1/login (preflight.login) answered "
        + "HTTP 200 without a token at JSON path $.access_token (its JSON's top-level fields: user, token, "
        + "expires_at): fix preflight.login.token."), run.output);
    assertTrue(run.runFolder().isEmpty(), "Gatling sent load: " + run.output);
  }

  /** Waits until the started service answers, then logs in as the virtual users do and returns the token. */
  private String loginOnceUp(int port, Process gatling) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}"))
        .build();
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline && gatling.isAlive()) {
      try {
        HttpResponse<String> answer = client.send(login, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "this test's own login");
        return new ObjectMapper().readTree(answer.body()).get("token").asText();
      } catch (IOException notUpYet) {
        // the suite is still starting the service: ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("sessionsvc never answered on port " + port);
  }

  /** Everything the run wrote: the results folder (Gatling's run, console, published copy) and the run folder. */
  private static List<Path> filesOf(GatlingProcess run) throws IOException {
    List<Path> roots = new ArrayList<>(List.of(run.resultsDir));
    run.preflightFolder().ifPresent(roots::add);
    assertEquals(2, roots.size(), "the run printed no run folder: " + run.output);
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    return files;
  }

  /** The file's bytes as text, gzip (the pprof profiles) unpacked, so that no encoding hides a value. */
  private static String readable(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        bytes = out.toByteArray();
      }
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
