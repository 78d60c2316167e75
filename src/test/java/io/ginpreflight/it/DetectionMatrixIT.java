package io.ginpreflight.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.Status;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.report.PhaseRecord;
import io.ginpreflight.testkit.GatlingProcess;
import io.ginpreflight.testkit.MavenRun;
import io.ginpreflight.testkit.RequiresGo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The calibration: for every gin-lab leak pattern, the family simulation that drives it, with only that
 * leak on, fails on the check gin-lab's catalogue names, and the message names the leaking function;
 * with every leak fixed, every family passes (traps included). A pattern is caught by its flat check or by
 * its rates. Leaks of tens of bytes per request and one goroutine per 1,000 requests, planted with the
 * lab's knobs, fail the default profile on their rates. Each row is a test of its own, so a failure names
 * its row; the table of every row is printed at the end.
 */
@RequiresGo("to build gin-lab")
class DetectionMatrixIT {

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

  /** Which family simulation and judged phase drive each pattern (from docs/leak-catalogue.md). */
  private static final Map<String, String[]> DRIVEN_BY = Map.ofEntries(
      Map.entry("global-map", new String[] {"BindingSimulation", "binding"}),
      Map.entry("kept-request", new String[] {"BindingSimulation", "binding"}),
      Map.entry("unbounded-cache", new String[] {"BindingSimulation", "binding"}),
      Map.entry("pool-misuse", new String[] {"BindingSimulation", "binding"}),
      Map.entry("temp-file-kept", new String[] {"UploadSimulation", "uploads"}),
      Map.entry("file-not-closed", new String[] {"UploadSimulation", "uploads"}),
      Map.entry("sse-producer", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("websocket-writer", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("long-poll", new String[] {"LongConnectionSimulation", "long connections"}),
      Map.entry("blocked-goroutine", new String[] {"ApiSimulation", "api"}),
      Map.entry("context-not-cancelled", new String[] {"ApiSimulation", "api"}),
      Map.entry("time-after-loop", new String[] {"ApiSimulation", "api"}),
      Map.entry("channel-backlog", new String[] {"ApiSimulation", "api"}),
      Map.entry("upstream-body", new String[] {"ApiSimulation", "api"}));

  /** The checks that may catch a pattern of each catalogued signal: its flat check, or its rates. */
  private static final Map<String, List<String>> CHECKS_OF_SIGNAL = Map.of(
      "heap", List.of("heap growth", "retained bytes per request", "retained bytes per virtual user"),
      "goroutines", List.of("goroutine growth", "goroutines per 1000 requests"),
      "fds", List.of("open fd growth"),
      "tempfiles", List.of("temp file growth"));

  /** A KO message that names where: the check (null: the one that caught the row) and what it must say. */
  private record SiteText(String check, String regex) {}

  /** A goroutine KO names the group: its count, state (and wait, or the runtime's proof), stack site and creator. */
  private static final String GOROUTINE_GROUP = ".*top growth: \\+\\d+ goroutines? (blocked in [^,(]+|running|runnable|"
      + "in a system call)( for at least \\d+ minutes?)? at \\S+ \\([\\w.]+:\\d+\\)( \\[pprof labels [^\\]]+\\])?"
      + "(, proved leaked by the runtime)?, created by \\S+ \\([\\w.]+:\\d+\\).*";

  /** The site text each row's KO must carry, beyond the leaky function's name (heap rows: not here). */
  private static List<SiteText> siteTexts(String pattern, String signal) {
    List<SiteText> texts = new ArrayList<>();
    if (signal.equals("goroutines")) {
      texts.add(new SiteText(null, GOROUTINE_GROUP));
    }
    switch (pattern) {
      // The deliverers block on a channel nothing can reach: the runtime proves them leaked.
      case "blocked-goroutine" -> texts.add(new SiteText("leaked goroutines",
          ".*top growth: \\+\\d+ goroutines blocked in chan send at main\\.leakyNotifyDeliver "
              + "\\(leak_blocked_goroutine\\.go:\\d+\\), proved leaked by the runtime, created by main\\.leakyNotifyHandler .*"));
      // Each unclosed body keeps its connection to the in-lab upstream.
      case "upstream-body" -> texts.add(new SiteText("open fd growth",
          ".*top growth: \\+\\d+ TCP sockets to 127\\.0\\.0\\.1:\\d+ \\(outbound, ESTABLISHED\\).*"));
      case "file-not-closed" -> texts.add(new SiteText(null, ".*top growth: \\+\\d+ files \\S*/gin-lab-blob-\\* .*"));
      case "temp-file-kept" -> texts.add(new SiteText(null,
          ".*top growth: \\+\\d+ files gin-lab-(upload|batch)-\\*\\S* of .* in \\S+.*"));
      default -> { }
    }
    return texts;
  }

  /**
   * pprof samples one allocation per 512 KiB by default: a full LRU trap that only churns can then look
   * like MiBs of growth by chance and outrank a real leak as "top growth". 64 KiB makes the order stable.
   * Otherwise each family runs its default quick profile.
   */
  private static final Map<String, String> SHARP_SITES = Map.of("lab.args.0", "-mem-profile-rate",
      "lab.args.1", "65536");

  /**
   * Leaks of the size real services ship, planted with gin-lab's knobs: what the bare default run must
   * catch per request although every flat per-phase check passes. The api family sends 9 requests a
   * journey, one of them POST /api/notify: 1 stranded goroutine in 111 notifies is 1 per 1,000 requests.
   */
  private record SmallLeak(String name, String simulation, String phase, String check, String function,
      String file, Map<String, String> lab) {}

  private static final List<SmallLeak> SMALL = List.of(
      new SmallLeak("32 B per request (binding)", "BindingSimulation", "binding", "retained bytes per request",
          "leakyPlantBytes", "planted_leak.go", Map.of("lab.args.2", "-leak-bytes-per-request", "lab.args.3", "32",
              "lab.args.4", "-leak-routes", "lab.args.5", "binding")),
      // Five rounds, not the default three: three probes leave the api phase's line one degree of freedom, and
      // one noisy step (its upstream and fan-out traps) once widened the interval to -221..236 B ("too little
      // data", said as such); the default run's api phase can say that too (docs/how-it-measures.md).
      new SmallLeak("32 B per request (api)", "ApiSimulation", "api", "retained bytes per request",
          "leakyPlantBytes", "planted_leak.go", Map.of("lab.args.2", "-leak-bytes-per-request", "lab.args.3", "32",
              "lab.args.4", "-leak-routes", "lab.args.5", "api", "preflight.families.api.load.quick.rounds", "5")),
      new SmallLeak("1 goroutine per 1,000 requests (api)", "ApiSimulation", "api", "goroutines per 1000 requests",
          "leakyNotifyDeliver", "leak_blocked_goroutine.go", Map.of("lab.leaks", "blocked-goroutine", "lab.args.2", "-notify-leak-every",
              "lab.args.3", "111")));

  private record Row(String pattern, String simulation, String check, String status, boolean namesFunction,
      boolean ok, String message) {}

  /**
   * What a heap row's KO message must say of its site: the leaky function (a prefix of the frame, as the
   * catalogue promises) with its file, {@code leak_<pattern>.go} by gin-lab's convention, and its growth.
   */
  static Pattern ownHeapSite(String leakyFunc, String file) {
    return Pattern.compile("top growth: " + Pattern.quote(leakyFunc) + "[^ ]* \\(" + Pattern.quote(file)
        + ":[0-9]+\\) [0-9.]+ [KM]iB");
  }

  /**
   * kept-request's retained objects are net/http's: the site is in the standard library, said plainly, with
   * the service's own code that grew most beside it when that grew beyond its sampling uncertainty (the
   * journal, or what the kept requests hold on to).
   */
  static final Pattern KEPT_REQUEST_SITE = Pattern.compile("top growth: (net/http|net/textproto|net/url|context)"
      + "\\.[^ ]+ \\([a-z_]+\\.go:[0-9]+\\) [0-9.]+ [KM]iB ±[0-9.]+ [KM]?i?B(; your code that grew most: main\\.[^ ]+ "
      + "\\([a-z_]+\\.go:[0-9]+\\) [0-9.]+ [KM]iB ±[0-9.]+ [KM]?i?B)?; heap sampled every 64\\.0 KiB; the top site is in the standard library "
      + "\\(go1\\.[0-9.]+(-X:[a-z,]+)?\\), allocated by the library and kept by the service \\(no frame of yours in the "
      + "allocation stack; objects allocated per request and kept: look for maps or caches keyed by requests or "
      + "contexts\\)");

  /** Where kept-request's KO points first: the library site that grew, the one of its whole site text. */
  static final Pattern KEPT_REQUEST_WHERE = Pattern.compile("top growth: (net/http|net/textproto|net/url|context)"
      + "\\.[^ ]+ \\([a-z_]+\\.go:[0-9]+\\)");

  /** The judged phases of the bare default run, PreflightSimulation: every family's, none skipped. */
  private static final List<String> DEFAULT_JUDGED_PHASES = List.of("uploads", "binding", "long connections",
      "long connections held", "api");

  /** Every row's result, printed as one table when the rows have run. */
  private static final List<Row> TABLE = new CopyOnWriteArrayList<>();

  /**
   * One test per row, so that a failure names its row: every catalogued pattern with only it on, every
   * small planted leak, and the fixed lab.
   */
  @TestFactory
  Stream<DynamicTest> everyPatternFailsItsCheckNamingItsFunctionAndTheFixedLabPasses() throws Exception {
    List<DynamicTest> rows = new ArrayList<>();
    for (JsonNode entry : catalogue()) {
      if (!"pattern".equals(entry.get("kind").asText())) {
        continue;
      }
      String pattern = entry.get("name").asText();
      String[] driver = DRIVEN_BY.get(pattern);
      if (driver == null) {
        rows.add(dynamicTest(pattern + ": has a driver", () -> verify(new Row(pattern, "-", "-", "NO DRIVER", false,
            false, "add it to DRIVEN_BY"))));
        continue;
      }
      String signal = entry.get("signal").asText();
      List<String> checks = CHECKS_OF_SIGNAL.get(signal);
      Map<String, String> properties = new HashMap<>(SHARP_SITES);
      properties.put("lab.leaks", pattern);
      String leakyFunc = entry.get("leakyFunc").asText();
      Optional<Pattern> site = !"heap".equals(signal) ? Optional.empty()
          : Optional.of(pattern.equals("kept-request") ? KEPT_REQUEST_SITE
              : ownHeapSite(leakyFunc, "leak_" + pattern.replace('-', '_') + ".go"));
      rows.add(dynamicTest(pattern + ": " + driver[0] + " fails " + checks.get(0) + " [" + driver[1] + "] naming "
          + simpleName(leakyFunc), () -> verify(row(pattern, driver[0], driver[1], checks, simpleName(leakyFunc),
              site, properties, siteTexts(pattern, signal)))));
    }
    for (SmallLeak leak : SMALL) {
      // A leak of 32 B per request grows a few hundred KiB a phase: at one sample per 64 KiB, a full LRU that
      // only churns can still outrank it as "top growth"; one per 4 KiB names it.
      Map<String, String> properties = new HashMap<>(Map.of("lab.args.0", "-mem-profile-rate", "lab.args.1", "4096"));
      properties.putAll(leak.lab());
      Optional<Pattern> site = leak.check().startsWith("retained")
          ? Optional.of(ownHeapSite("main." + leak.function(), leak.file())) : Optional.empty();
      rows.add(dynamicTest(leak.name() + ": " + leak.simulation() + " fails " + leak.check() + " [" + leak.phase()
          + "] naming " + leak.function(), () -> verify(row(leak.name(), leak.simulation(), leak.phase(),
              List.of(leak.check()), leak.function(), site, properties, leak.check().startsWith("goroutines")
                  ? List.of(new SiteText(null, GOROUTINE_GROUP)) : List.of()))));
    }
    rows.add(dynamicTest("all fixed, traps on: mvn gatling:test passes every check of every family",
        () -> verify(fixedRow())));
    return rows.stream();
  }

  /**
   * The families that send fewest requests are judged per request too (their SSE streams, WebSocket
   * conversations and raw clients counted), with the extra rounds they need; and the traps a verdict must not
   * fail: connections that linger after their clients left pass after a second look, and a bounded cache that
   * fills within the bound passes, while one still filling at the bound fails saying what would tell.
   */
  @TestFactory
  Stream<DynamicTest> everyFamilyIsJudgedPerRequestAndLingeringOrFillingIsNoLeak() {
    Map<String, String> sharp = Map.of("lab.args.0", "-mem-profile-rate", "lab.args.1", "4096");
    List<DynamicTest> rows = new ArrayList<>();
    for (String[] family : new String[][] {{"uploads", "UploadSimulation"},
        {"long connections", "LongConnectionSimulation"}}) {
      Map<String, String> properties = new HashMap<>(sharp);
      properties.putAll(Map.of("lab.args.2", "-leak-bytes-per-request", "lab.args.3", "64", "lab.args.4",
          "-leak-routes", "lab.args.5", family[0].replace(' ', '-')));
      rows.add(dynamicTest("64 B per request (" + family[0] + "): " + family[1] + " fails retained bytes per "
          + "request naming leakyPlantBytes", () -> verify(row("64 B per request (" + family[0] + ")", family[1],
              family[0], List.of("retained bytes per request"), "leakyPlantBytes",
              Optional.of(ownHeapSite("main.leakyPlantBytes", "planted_leak.go")), properties, List.of()))));
    }
    rows.add(dynamicTest("trap close-linger: held WebSockets that linger 8 s after their clients left pass after a "
        + "second look", () -> verify(passRow("close-linger 8s (lingering)", "LongConnectionSimulation",
            // 600 held clients: more than the 400 or so the rounds leave lingering when the hold begins
            Map.of("lab.args.0", "-close-linger", "lab.args.1", "8s", "preflight.families.long-connections.hold.clients",
                "600"), "goroutine growth", "long connections held",
            "lingering, not leaked: goroutines \\+\\d+ in phase \"long connections held\" \\(\\+\\d+ goroutines "
                + "blocked in [^,(]+ at main\\.lingerAfterClose .*\\) drained within [0-9.]+ s with no load.*"))));
    // 1,200 new summaries in the binding warm-up, 320 a round: 2,400 entries fill during round 4 of 8.
    rows.add(dynamicTest("trap filling cache: 2,400 summaries fill within the bound and pass as a plateau",
        () -> verify(passRow("summary cache 2,400 (fills)", "BindingSimulation",
            Map.of("lab.args.0", "-summary-cache-entries", "lab.args.1", "2400", "lab.args.2", "-mem-profile-rate",
                "lab.args.3", "4096"), "retained bytes per request",
            "binding", ".*a plateau, not a leak.*"))));
    // 4,000 entries would fill during round 9: still filling at the bound of 8.
    rows.add(dynamicTest("trap filling cache: 4,000 summaries still filling at the bound fail saying what would tell",
        () -> verify(row("summary cache 4,000 (still filling)", "BindingSimulation", "binding",
            List.of("retained bytes per request"), "fixedPooledSummary",
            Optional.of(Pattern.compile("still growing after 8 rounds \\(preflight\\.rounds\\.max\\).*a bounded "
                + "cache still filling looks like this until it is full, and this run cannot tell it from a leak; at "
                + "this load it grows about [0-9.]+ [KM]iB per minute")),
            Map.of("lab.args.0", "-summary-cache-entries", "lab.args.1", "4000", "lab.args.2", "-mem-profile-rate",
                "lab.args.3", "4096"), List.of()))));
    return rows.stream();
  }

  /**
   * A trap the run must pass: it exits 0, and the check of the phase says why the growth it saw is no leak.
   */
  private static Row passRow(String trap, String simulation, Map<String, String> properties, String check,
      String phase, String sentence) throws Exception {
    GatlingProcess run = GatlingProcess.run("io.ginpreflight.simulations." + simulation, withoutAttribution(properties),
        RUN_TIMEOUT);
    Optional<MemoryReport> report = report(run);
    Optional<String> message = report.flatMap(r -> r.checks().stream()
        .filter(c -> c.kind().checkName().equals(check) && c.scope().equals(phase)).findFirst())
        .map(c -> c.status() + ": " + c.message());
    boolean said = message.map(m -> m.matches("(?s)OK: " + sentence)).orElse(false);
    return new Row(trap, simulation, check, run.exitCode == 0 ? "PASS" : "FAIL", said,
        run.exitCode == 0 && said, message.orElse(tail(run.output)));
  }

  @AfterAll
  static void printTheTable() {
    System.out.println(table(TABLE));
  }

  private static void verify(Row row) {
    TABLE.add(row);
    assertTrue(row.ok(), table(List.of(row)));
  }

  /**
   * The bare default a user runs, mvn gatling:test with every leak fixed: it passes, every family's judged
   * phase was judged (none skipped), and every check of its memory.json is OK (a baseline may be not judged).
   */
  private static Row fixedRow() throws Exception {
    MavenRun fixed = MavenRun.gatlingTest(Duration.ofMinutes(6));
    Optional<MemoryReport> report = fixed.gatlingReport().map(index -> index.resolveSibling("memory.json"))
        .filter(Files::isRegularFile).map(DetectionMatrixIT::read);
    List<String> judged = report.map(r -> r.phases().stream().filter(PhaseRecord::judged).map(PhaseRecord::name)
        .toList()).orElse(List.of());
    List<String> notOk = report.map(r -> r.checks().stream()
        .filter(c -> c.status() != Status.OK && c.status() != Status.NOT_JUDGED)
        .map(c -> c.status() + " " + c.recordName() + ": " + c.message()).toList()).orElse(List.of("no memory.json"));
    boolean ok = fixed.exitCode == 0 && judged.equals(DEFAULT_JUDGED_PHASES) && notOk.isEmpty()
        && MavenRun.labProcesses().isEmpty();
    String why = !judged.equals(DEFAULT_JUDGED_PHASES) ? "judged phases " + judged + ", expected "
        + DEFAULT_JUDGED_PHASES : notOk.isEmpty() ? tail(fixed.output) : String.join("; ", notOk);
    return new Row("(all fixed, traps on)", "mvn gatling:test", "every check", fixed.exitCode == 0 ? "PASS" : "FAIL",
        true, ok, why);
  }

  private static MemoryReport read(Path json) {
    try {
      return MemoryJson.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one simulation with the lab's properties; the row is ok when the run failed and the first of
   * {@code checks} that is KO in the phase names the function (descriptors and temp files have no stack:
   * their own sentence is the pointer); a heap row's message must also match its {@code site} text.
   */
  private static Row row(String pattern, String simulation, String phase, List<String> checks, String function,
      Optional<Pattern> site, Map<String, String> properties, List<SiteText> siteTexts) throws Exception {
    GatlingProcess run = GatlingProcess.run("io.ginpreflight.simulations." + simulation, withoutAttribution(properties),
        RUN_TIMEOUT);
    Optional<MemoryReport> report = report(run);
    List<Verdict> verdicts = new ArrayList<>();
    report.ifPresent(r -> r.checks().forEach(c -> verdicts.add(new Verdict(c.kind().checkName(), c.scope(),
        c.status().name(), c.message()))));
    Optional<Verdict> caught = checks.stream().flatMap(check -> verdicts.stream()
        .filter(v -> v.check().equals(check) && v.phase().equals(phase) && v.status().equals("KO"))).findFirst();
    Optional<Verdict> shown = caught.or(() -> verdicts.stream()
        .filter(v -> v.check().equals(checks.get(0)) && v.phase().equals(phase)).findFirst());
    String status = shown.map(Verdict::status).orElse("MISSING");
    String message = shown.map(Verdict::message).orElse(tail(run.output));
    boolean hasStack = checks.get(0).startsWith("heap") || checks.get(0).startsWith("goroutine")
        || checks.get(0).startsWith("retained");
    // A heap row's site text is the assertion; kept-request's leaky function allocates nothing that grows
    // most, so the library site said as such stands for it.
    boolean heapSiteNamed = site.map(p -> p.matcher(message).find())
        .orElse(!hasStack || message.contains(function));
    // Goroutine, descriptor and temp-file rows name their group.
    List<String> unnamed = siteTexts.stream().filter(text -> {
      Optional<Verdict> of = text.check() == null ? caught : verdicts.stream()
          .filter(v -> v.check().equals(text.check()) && v.phase().equals(phase) && v.status().equals("KO")).findFirst();
      return of.isEmpty() || !of.get().message().matches("(?s)" + text.regex());
    }).map(text -> (text.check() == null ? "caught check" : text.check()) + " ~ " + text.regex()).toList();
    // Where to look leads the message: within the 200 characters Gatling's report shows of it.
    String shown200 = message.substring(0, Math.min(200, message.length()));
    boolean whereFirst = caught.isEmpty() || (site.orElse(null) == KEPT_REQUEST_SITE
        ? KEPT_REQUEST_WHERE.matcher(shown200).find() : shown200.contains(hasStack ? function : "top growth: "));
    boolean namesFunction = heapSiteNamed && unnamed.isEmpty() && whereFirst;
    String shownMessage = !whereFirst ? "where not in the first 200 characters; " + message
        : unnamed.isEmpty() ? message : "site text missing: " + unnamed + "; " + message;
    return new Row(pattern, simulation, shown.map(Verdict::check).orElse(checks.get(0)), status, namesFunction,
        run.exitCode != 0 && caught.isPresent() && namesFunction, shownMessage);
  }

  private record Verdict(String check, String phase, String status, String message) {}

  /**
   * These rows are about the site a KO names; which request kept it is the attribution rows' (below), and its
   * rounds would add half a minute to every failing row here.
   */
  private static Map<String, String> withoutAttribution(Map<String, String> properties) {
    Map<String, String> off = new HashMap<>(properties);
    off.putIfAbsent("preflight.attribution.max-time", "off");
    return off;
  }

  /**
   * Which request keeps it, on gin-lab: a KO family's requests are driven apart after its phase, and the KO message
   * leads with what they found. The leak sizes are the default run's (tens to hundreds of bytes per request of the
   * family); three planned rounds (preflight.rounds.max = 3) fail each at its bound, which is when an attribution
   * runs as well (the extra rounds are the subject of the rows above), and the hold phase is left out.
   */
  @TestFactory
  Stream<DynamicTest> eachKoNamesTheRequestsThatKeptIt() {
    Map<String, String> threeRounds = Map.of("preflight.rounds.max", "3",
        "preflight.families.long-connections.hold.clients", "0");
    List<DynamicTest> rows = new ArrayList<>();
    // 1 KiB on one route of 21 binding requests: 49 B per request of the family, the route named
    rows.add(attributionRow("one endpoint of binding: 1 KiB per GET /api/catalog/:sku", "BindingSimulation",
        with(threeRounds, Map.of("lab.args.0", "-leak-bytes-per-request", "lab.args.1", "1024", "lab.args.2",
            "-leak-routes", "lab.args.3", "GET /api/catalog/:sku")),
        new AttributionExpectation("binding", CheckKind.RETAINED_BYTES_PER_REQUEST, Attribution.Outcome.LOCATED,
            List.of("bind: path catalogue SKU (new SKU)"), Pattern.compile("^heap retained [0-9.]+ B per request in "
                + "phase \"binding\"; [0-9.]+ (B|KiB) per \"bind: path catalogue SKU \\(new SKU\\)\" request \\(GET "
                + "/api/catalog/SKU#\\{seq\\}\\); the other 20 requests of binding at most [0-9.]+ (B|KiB) each"))));
    // A middleware keeping 512 B on every api route
    rows.add(attributionRow("a middleware: 512 B on every api request", "ApiSimulation",
        with(threeRounds, Map.of("lab.args.0", "-leak-bytes-per-request", "lab.args.1", "512", "lab.args.2",
            "-leak-routes", "lab.args.3", "api")),
        new AttributionExpectation("api", CheckKind.RETAINED_BYTES_PER_REQUEST, Attribution.Outcome.EVERY_REQUEST,
            List.of(), Pattern.compile("^heap retained [0-9.]+ B per request in phase \"api\"; every request of api "
                + "retains about [0-9.]+ B \\(6 groups alone: [^)]+ per request\\): something every request passes "
                + "through keeps it"))));
    // The SSE producer that outlives every stream: one goroutine per stream, both of its clients named
    rows.add(attributionRow("one long-connection endpoint: sse-producer", "LongConnectionSimulation",
        with(threeRounds, Map.of("lab.leaks", "sse-producer")),
        new AttributionExpectation("long connections", CheckKind.GOROUTINES_PER_1000_REQUESTS,
            Attribution.Outcome.LOCATED, List.of("sse: read 5 events", "sse: read 1 then drop"),
            Pattern.compile("^goroutines grew [0-9.]+ per 1,000 requests in phase \"long connections\"; 1\\.0 goroutine "
                + "per \"sse: read [^\"]+\" SSE stream \\(GET /api/stream/events\\), "))));
    return rows.stream();
  }

  private DynamicTest attributionRow(String name, String simulation, Map<String, String> properties,
      AttributionExpectation expected) {
    return dynamicTest(name + ": " + simulation + " names it", () -> {
      GatlingProcess run = GatlingProcess.run("io.ginpreflight.simulations." + simulation, properties, RUN_TIMEOUT);
      List<String> problems = expected.problems(run);
      TABLE.add(new Row(name, simulation, expected.kind().checkName(), run.exitCode == 0 ? "PASS" : "FAIL",
          problems.isEmpty(), problems.isEmpty(), problems.isEmpty() ? "attribution in " + run.took.toSeconds() + " s"
              : String.join("; ", problems)));
      assertTrue(problems.isEmpty(), AttributionExpectation.said(problems, run));
    });
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(base);
    all.putAll(more);
    return all;
  }

  private static List<JsonNode> catalogue() throws IOException, InterruptedException {
    Process go = new ProcessBuilder("go", "run", ".", "-catalogue-json")
        .directory(GatlingProcess.projectDir().resolve("gin-lab").toFile()).redirectErrorStream(false).start();
    String json = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!go.waitFor(2, TimeUnit.MINUTES) || go.exitValue() != 0) {
      throw new AssertionError("gin-lab -catalogue-json failed: " + new String(go.getErrorStream().readAllBytes()));
    }
    List<JsonNode> entries = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(entries::add);
    return entries;
  }

  private static Optional<MemoryReport> report(GatlingProcess run) throws IOException {
    Optional<Path> folder = run.runFolder();
    if (folder.isEmpty() || !folder.get().resolve("memory.json").toFile().isFile()) {
      return Optional.empty();
    }
    return Optional.of(MemoryJson.read(folder.get().resolve("memory.json")));
  }

  /** "main.(*blobStore).leakySpoolBlob" → "leakySpoolBlob": what any frame or label naming it contains. */
  private static String simpleName(String function) {
    return function.substring(function.lastIndexOf('.') + 1);
  }

  private static String tail(String output) {
    return output.length() > 400 ? output.substring(output.length() - 400) : output;
  }

  private static String table(List<Row> rows) {
    StringBuilder table = new StringBuilder("\nDetection matrix\n");
    table.append(String.format("%-24s %-26s %-18s %-9s %-8s %s%n", "pattern", "simulation", "check", "status",
        "names fn", "result"));
    for (Row row : rows) {
      table.append(String.format("%-24s %-26s %-18s %-9s %-8s %s%n", row.pattern(), row.simulation(), row.check(),
          row.status(), row.namesFunction() ? "yes" : "NO", row.ok() ? "ok" : "WRONG: " + row.message()));
    }
    return table.toString();
  }
}
