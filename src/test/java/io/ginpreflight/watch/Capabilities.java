package io.ginpreflight.watch;

import io.ginpreflight.signal.PrometheusText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.signal.SignalUnavailable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the target offers, asked once at start and printed, so that a missing source is known before the
 * load and not discovered as an inconclusive check at the end. Each entry is "yes" or "no: why".
 */
public record Capabilities(Map<String, String> sources) {

  static final String METRICS = "metrics";
  static final String PPROF = "pprof";
  static final String EXPVAR = "expvar";

  public Capabilities {
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  static Capabilities detect(SignalClient client, SignalEndpoints endpoints, Optional<LocalSignals> local) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(METRICS, ask(endpoints.metricsUrl(), "no metrics URL", url -> {
      PrometheusText.parse(client.get(url)).requireLong("go_goroutines");
    }, " — add to the Gin app: r.GET(\"/metrics\", gin.WrapH(promhttp.Handler()))"));
    sources.put(PPROF, ask(endpoints.pprofUrl(), "no pprof URL", url -> client.get(url + "/cmdline"),
        " — the heap is estimated from metrics; for exact numbers serve net/http/pprof on a loopback port: "
            + "import _ \"net/http/pprof\" and go http.ListenAndServe(\"127.0.0.1:6060\", nil)"));
    sources.put(EXPVAR, ask(endpoints.expvarUrl(), "no expvar URL", client::get, ""));
    if (local.isPresent()) {
      sources.putAll(local.get().offered());
    } else {
      sources.put("procfs", "no: the target is not a local process (descriptors and RSS come from its metrics)");
      sources.put("temp dir", "no: the target is not a local process, so its temp files cannot be counted");
    }
    return new Capabilities(sources);
  }

  private interface Probe {
    void run(String url) throws SignalUnavailable;
  }

  private static String ask(Optional<String> url, String noUrl, Probe probe, String advice) {
    if (url.isEmpty()) {
      return "no: " + noUrl + advice;
    }
    try {
      probe.run(url.get());
      return "yes";
    } catch (SignalUnavailable e) {
      return "no: " + e.getMessage() + advice;
    }
  }

  public boolean offers(String source) {
    return sources.getOrDefault(source, "no").equals("yes") || sources.getOrDefault(source, "no").startsWith("yes ");
  }

  /** One line, e.g. {@code metrics: yes, pprof: no (...), expvar: yes}. */
  public String summary() {
    StringBuilder line = new StringBuilder();
    sources.forEach((source, answer) -> {
      if (line.length() > 0) {
        line.append(", ");
      }
      line.append(source).append(": ").append(answer.startsWith("no: ") ? "no (" + answer.substring(4) + ")" : answer);
    });
    return line.toString();
  }
}
