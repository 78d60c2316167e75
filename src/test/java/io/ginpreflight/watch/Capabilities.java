package io.ginpreflight.watch;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.Source;
import io.ginpreflight.signal.PrometheusText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the target offers, asked once at start and printed, so that a missing source is known before the
 * load and not discovered as an inconclusive check at the end. In the order the start-up line lists them.
 */
public record Capabilities(Map<Source, Availability> sources) {

  private static final String METRICS_ADVICE =
      "add to the Gin app: r.GET(\"/metrics\", gin.WrapH(promhttp.Handler()))";
  private static final String METRICS_WITH_PPROF = "pprof gives the heap and goroutines at every probe; "
      + "/metrics would add the continuous charts between probes: r.GET(\"/metrics\", gin.WrapH(promhttp.Handler()))";
  private static final String PPROF_ADVICE = "serve net/http/pprof on a loopback port: import _ \"net/http/pprof\" "
      + "and go http.ListenAndServe(\"127.0.0.1:6060\", nil)";

  public Capabilities {
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /**
   * @param goVersion the target's Go from its build info (empty for a remote target), which decides what to say
   *     when the goroutineleak profile is missing
   */
  static Capabilities detect(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local,
      Optional<String> goVersion) {
    Availability pprof = ask(endpoints.pprofUrl(), "no pprof URL", url -> client.get(url + "/cmdline"),
        PPROF_ADVICE + (endpoints.metricsUrl().isPresent() ? " (without it the heap is estimated from metrics)" : ""));
    Map<Source, Availability> sources = new LinkedHashMap<>();
    sources.put(Source.METRICS, ask(endpoints.metricsUrl(), "no metrics URL", url -> {
      PrometheusText.parse(client.get(url)).requireLong("go_goroutines");
    }, pprof.offered() ? METRICS_WITH_PPROF : METRICS_ADVICE));
    sources.put(Source.PPROF, pprof);
    sources.put(Source.GOROUTINE_LEAK, goroutineLeak(client, endpoints, goVersion));
    sources.put(Source.EXPVAR, ask(endpoints.expvarUrl(), "no expvar URL", client::get, ""));
    if (local.isPresent()) {
      sources.putAll(local.get().offered());
    } else {
      sources.put(Source.PROCFS,
          Availability.no("the target is not a local process (descriptors and RSS come from its metrics)"));
      sources.put(Source.TEMP_DIR,
          Availability.no("the target is not a local process, so its temp files cannot be counted"));
    }
    return new Capabilities(sources);
  }

  private static Availability goroutineLeak(SignalClient client, SignalEndpoints endpoints, Optional<String> goVersion) {
    if (endpoints.pprofUrl().isEmpty()) {
      return Availability.no("no pprof URL");
    }
    String root = endpoints.pprofUrl().get();
    try {
      client.get(GoroutineLeakProfile.url(root));
      return Availability.YES;
    } catch (SignalUnavailable e) {
      return Availability.no(e.getMessage(), GoroutineLeakAdvice.of(goVersion, root, e.getMessage()));
    }
  }

  private interface Probe {
    void run(String url) throws SignalUnavailable;
  }

  private static Availability ask(Optional<String> url, String noUrl, Probe probe, String advice) {
    if (url.isEmpty()) {
      return Availability.no(noUrl, advice);
    }
    try {
      probe.run(url.get());
      return Availability.YES;
    } catch (SignalUnavailable e) {
      return Availability.no(e.getMessage(), advice);
    }
  }

  public boolean offers(Source source) {
    Availability availability = sources.get(source);
    return availability != null && availability.offered();
  }

  /** One line, e.g. {@code metrics: yes, pprof: no (...), expvar: yes}. */
  public String summary() {
    return sources.entrySet().stream().map(e -> e.getKey().jsonName() + ": " + e.getValue().spoken())
        .collect(Collectors.joining(", "));
  }
}
