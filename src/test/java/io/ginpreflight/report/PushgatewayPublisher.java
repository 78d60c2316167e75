package io.ginpreflight.report;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.RunIdentity;
import io.ginpreflight.model.Status;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Gauge;
import io.prometheus.client.exporter.BasicAuthHttpConnectionFactory;
import io.prometheus.client.exporter.HttpConnectionFactory;
import io.prometheus.client.exporter.PushGateway;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Pushes a run's checks and summary to a Prometheus Pushgateway, so nightly runs can be graphed and
 * alerted on. A push that fails is a sentence, never an exception: the files on disk are the record of
 * the run, the Pushgateway only a copy.
 */
public final class PushgatewayPublisher {

  /** One push is a few kilobytes; a gateway that takes longer than this is not going to answer. */
  private static final int TIMEOUT_MILLIS = 10_000;

  /** How the push went, in one sentence without credentials. */
  public record Outcome(boolean pushed, String sentence) {}

  private PushgatewayPublisher() {}

  public static Outcome push(MemoryReport report, PushgatewaySettings settings) {
    return push(report, settings, System::getenv);
  }

  /** {@code environment} reads environment variables; tests pass their own. */
  public static Outcome push(MemoryReport report, PushgatewaySettings settings, UnaryOperator<String> environment) {
    String where = PushgatewaySettings.redacted(settings.url()) + " (job " + settings.job() + ")";
    Map<String, String> grouping = new TreeMap<>(settings.grouping());
    grouping.put("simulation", report.simulation());
    // Two services pushing under one job and simulation must not replace each other's group.
    targetLabels(report).forEach(grouping::putIfAbsent);
    try {
      PushGateway gateway = new PushGateway(new URL(settings.url()));
      HttpConnectionFactory connections = PushgatewayPublisher::connection;
      if (settings.basicAuth()) {
        String user = environment.apply(settings.usernameEnv());
        String password = environment.apply(settings.passwordEnv());
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
          return new Outcome(false, "Not pushed to " + where + ": basic auth is configured but the environment "
              + "variable " + (user == null || user.isEmpty() ? settings.usernameEnv() : settings.passwordEnv())
              + " is not set.");
        }
        connections = new BasicAuthHttpConnectionFactory(connections, user, password);
      }
      gateway.setConnectionFactory(connections);
      CollectorRegistry registry = registry(report);
      gateway.push(registry, settings.job(), grouping);
      return new Outcome(true, "Pushed " + count(registry) + " series to " + where + ", grouping " + grouping + ".");
    } catch (IOException | RuntimeException e) {
      return new Outcome(false, "Could not push to " + where + ": " + describe(e, settings, environment)
          + ". The run's files on disk are complete.");
    }
  }

  static CollectorRegistry registry(MemoryReport report) {
    CollectorRegistry registry = new CollectorRegistry();
    Gauge growth = gauge(registry, "preflight_check_growth",
        "Growth of the checked signal during the phase, in its unit (bytes or count).", "check", "phase", "unit");
    Gauge limit = gauge(registry, "preflight_check_limit", "Growth allowed for the check.", "check", "phase",
        "unit");
    Gauge passed = gauge(registry, "preflight_check_passed",
        "1 when the check passed, 0 when it failed or could not be measured.", "check", "phase");
    Gauge retained = gauge(registry, "preflight_retained_bytes_per_request",
        "Heap retained per request in the phase (fitted across rounds when the phase ran in rounds).", "phase");
    Gauge goroutines = gauge(registry, "preflight_goroutines_per_1000_requests",
        "Goroutines left behind per 1,000 requests in the phase.", "phase");
    Gauge duration = gauge(registry, "preflight_run_duration_seconds", "Wall time of the run.");
    Gauge runPassed = gauge(registry, "preflight_run_passed", "1 when every memory check passed, else 0.");
    Gauge info = gauge(registry, "preflight_run_info", "Always 1: what the run ran against, in its labels.",
        "target_kind", "target", "target_flags", "profile", "go_version", "preflight_version");
    Gauge baseline = gauge(registry, "preflight_baseline_passed",
        "1 when the phase's figures are within their limits of the earlier runs' median, 0 when not; absent "
            + "when not judged.", "phase");
    for (CheckResult check : report.checks(CheckKind.Rule.GROWTH)) {
      String name = check.kind().checkName();
      String phase = MemoryReport.text(check.scope(), "unknown");
      String unit = check.unit().jsonName();
      check.figures().growth().ifPresent(value -> growth.labels(name, phase, unit).set(value));
      if (check.figures().limit() != null) {
        limit.labels(name, phase, unit).set(check.figures().limit());
      }
      passed.labels(name, phase).set(check.status() == Status.OK ? 1 : 0);
    }
    for (PhaseFigures figures : PhaseFigures.of(report)) {
      if (figures.retainedBytesPerRequest() != null) {
        retained.labels(figures.phase()).set(figures.retainedBytesPerRequest());
      }
      if (figures.goroutinesPer1000Requests() != null) {
        goroutines.labels(figures.phase()).set(figures.goroutinesPer1000Requests());
      }
    }
    if (report.startedAt() != null && report.endedAt() != null) {
      duration.set(Duration.between(report.startedAt(), report.endedAt()).toMillis() / 1000.0);
    }
    runPassed.set(report.passed() ? 1 : 0);
    RunIdentity identity = report.identity();
    if (identity != null) {
      info.labels(identity.targetKind() == null ? "unknown" : identity.targetKind().name().toLowerCase(),
          MemoryReport.text(identity.target(), "unknown"), String.join(" ", identity.targetFlags()),
          MemoryReport.text(identity.profile(), "unknown"), MemoryReport.text(identity.goVersion(), "unknown"),
          MemoryReport.text(identity.projectVersion(), "unknown")).set(1);
    }
    for (CheckResult result : report.checks(CheckKind.Rule.BASELINE)) {
      if (result.status().recorded()) {
        baseline.labels(MemoryReport.text(result.scope(), "unknown")).set(result.status() == Status.OK ? 1 : 0);
      }
    }
    return registry;
  }

  /**
   * The target's identity as grouping labels: {@code target} (gin-lab, a command's program, a URL) and
   * {@code profile}; a label the user set in preflight.pushgateway.grouping wins.
   */
  static Map<String, String> targetLabels(MemoryReport report) {
    Map<String, String> labels = new TreeMap<>();
    RunIdentity identity = report.identity();
    if (identity != null) {
      labels.put("target", MemoryReport.text(identity.target(), "unknown"));
      labels.put("profile", MemoryReport.text(identity.profile(), "unknown"));
    }
    return labels;
  }

  private static Gauge gauge(CollectorRegistry registry, String name, String help, String... labels) {
    return Gauge.build(name, help).labelNames(labels).register(registry);
  }

  private static int count(CollectorRegistry registry) {
    int series = 0;
    for (var samples : java.util.Collections.list(registry.metricFamilySamples())) {
      series += samples.samples.size();
    }
    return series;
  }

  private static HttpURLConnection connection(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    return connection;
  }

  /** The failure without the password, even if a library put it in its message. */
  private static String describe(Exception e, PushgatewaySettings settings, UnaryOperator<String> environment) {
    String text = e.getClass().getSimpleName() + ": " + Objects.toString(e.getMessage(), "no detail");
    if (settings.basicAuth()) {
      String password = environment.apply(settings.passwordEnv());
      if (password != null && !password.isEmpty()) {
        text = text.replace(password, "***");
      }
    }
    return PushgatewaySettings.redacted(text.replaceAll("\\s+", " ").trim());
  }
}
