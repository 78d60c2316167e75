package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a check judges, by one of three rules: the growth of a signal across a judged phase, the rate it
 * grew at per request (or per virtual user) across the phase's probes, or a phase's figures against the
 * median of earlier comparable runs. Its JSON name is the check's name in every report.
 */
public enum CheckKind {
  HEAP_GROWTH(Rule.GROWTH, "heap growth", "heap growth", Signal.POST_GC_HEAP_BYTES, "heap", "heap-growth"),
  GOROUTINE_GROWTH(Rule.GROWTH, "goroutine growth", "goroutine growth", Signal.GOROUTINES, "goroutines",
      "goroutine-growth"),
  /** A leak the runtime proves needs no threshold or noise model: the default limit is 0. */
  LEAKED_GOROUTINES(Rule.GROWTH, "leaked goroutines", "leaked goroutines", Signal.LEAKED_GOROUTINES,
      "goroutines proved leaked", "leaked-goroutines"),
  FD_GROWTH(Rule.GROWTH, "open fd growth", "open descriptor growth", Signal.OPEN_FDS, "open file descriptors",
      "fd-growth"),
  TEMP_FILE_GROWTH(Rule.GROWTH, "temp file growth", "temp file growth", Signal.TEMP_FILES, "temp files",
      "temp-file-growth"),
  RSS_GROWTH(Rule.GROWTH, "RSS growth", "RSS growth", Signal.RSS_BYTES, "RSS", "rss-growth"),
  RETAINED_BYTES_PER_REQUEST(Rule.RATE, "retained bytes per request", "retained bytes per request",
      Signal.POST_GC_HEAP_BYTES, "heap retained", "retained-bytes-per-request", Per.REQUEST, 1),
  RETAINED_BYTES_PER_VIRTUAL_USER(Rule.RATE, "retained bytes per virtual user", "retained bytes per virtual user",
      Signal.POST_GC_HEAP_BYTES, "heap retained", "retained-bytes-per-virtual-user", Per.VIRTUAL_USER, 1),
  GOROUTINES_PER_1000_REQUESTS(Rule.RATE, "goroutines per 1000 requests", "goroutines per 1,000 requests",
      Signal.GOROUTINES, "goroutines grew", "goroutines-per-1000-requests", Per.REQUEST, 1000),
  /** A phase's figures ({@link #BASELINED}) against the median of the last comparable runs. */
  BASELINE(Rule.BASELINE, "baseline", "baseline", null, "", "");

  /** How a check of the kind is judged. */
  public enum Rule {
    /** How much a signal grew between two probes, against a flat limit. */
    GROWTH,
    /** A line through the probes against requests, its 95 % interval against a limit. */
    RATE,
    /** Figures of other checks against the median of earlier runs. */
    BASELINE
  }

  /** What a rate is counted against: requests, or virtual users (sessions, cookies, clients). */
  public enum Per {
    NONE("", ""),
    REQUEST("request", "requests"),
    VIRTUAL_USER("virtual user", "virtual users");

    private final String one;
    private final String many;

    Per(String one, String many) {
      this.one = one;
      this.many = many;
    }

    public String one() {
      return one;
    }

    public String many() {
      return many;
    }
  }

  /** The figures the baseline compares with earlier runs: two rates, and what a phase left open. */
  public static final List<CheckKind> BASELINED =
      List.of(RETAINED_BYTES_PER_REQUEST, GOROUTINES_PER_1000_REQUESTS, FD_GROWTH, TEMP_FILE_GROWTH);

  private final Rule rule;
  private final String checkName;
  private final String label;
  private final Signal signal;
  private final String subject;
  private final String configKey;
  private final Per per;
  private final int perCount;

  CheckKind(Rule rule, String checkName, String label, Signal signal, String subject, String configKey) {
    this(rule, checkName, label, signal, subject, configKey, Per.NONE, 1);
  }

  CheckKind(Rule rule, String checkName, String label, Signal signal, String subject, String configKey, Per per,
      int perCount) {
    this.rule = rule;
    this.checkName = checkName;
    this.label = label;
    this.signal = signal;
    this.subject = subject;
    this.configKey = configKey;
    this.per = per;
    this.perCount = perCount;
  }

  /** The kinds judged by one rule, in declaration order. */
  public static List<CheckKind> judgedBy(Rule rule) {
    return Arrays.stream(values()).filter(kind -> kind.rule == rule).toList();
  }

  public Rule rule() {
    return rule;
  }

  /** The name of the record in Gatling's results, e.g. {@code memory: heap growth [steady]}. */
  public String recordName(String scope) {
    return "memory: " + checkName + " [" + scope + "]";
  }

  /** The check's name in records and reports, e.g. {@code goroutines per 1000 requests}. */
  @JsonValue
  public String checkName() {
    return checkName;
  }

  /** How sentences name the figure, e.g. {@code goroutines per 1,000 requests}, {@code open descriptor growth}. */
  public String label() {
    return label;
  }

  /** The signal it reads; null for the baseline, which reads other checks' figures. */
  public Signal signal() {
    return signal;
  }

  /**
   * How a message starts: the signal for a growth ({@code heap}, {@code goroutines}), the verb of a rate
   * ({@code heap retained}, {@code goroutines grew}).
   */
  public String subject() {
    return subject;
  }

  /** The unit of its signal, which its limit and figures share; the baseline's figures are its parts'. */
  public Unit unit() {
    return signal == null ? Unit.COUNT : signal.unit();
  }

  /** Bytes rather than counts. */
  public boolean isBytes() {
    return unit() == Unit.BYTES;
  }

  /** The key under {@code preflight.limits} (and {@code preflight.baseline.limits} for a baselined one). */
  public String configKey() {
    return configKey;
  }

  /** What a rate is counted against; {@link Per#NONE} for the other rules. */
  public Per per() {
    return per;
  }

  /** A rate is growth per this many requests or virtual users. */
  public int perCount() {
    return perCount;
  }

  /**
   * A value of this kind's figure as its messages write it: a growth in its unit ("4.0 MiB", "40"), a
   * rate without its "per" part ("180 B", "3.4 B", "3.2 KiB", "1.25").
   */
  public String format(double value) {
    if (rule == Rule.RATE) {
      return isBytes() ? bytesPerUnit(value) : String.format(Locale.ROOT, "%.2f", value);
    }
    if (isBytes()) {
      return Bytes.format(Math.round(value));
    }
    return Math.abs(value - Math.rint(value)) < 1e-9 ? Long.toString(Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String bytesPerUnit(double value) {
    double magnitude = Math.abs(value);
    if (magnitude < 10) {
      return String.format(Locale.ROOT, "%.1f B", value);
    }
    return magnitude < 1024 ? Math.round(value) + " B" : Bytes.format(Math.round(value));
  }
}
