package io.ginpreflight.model;

/**
 * A leak rate fitted across the probes of a judged phase (or of the whole run): what it reads, per how
 * many of what, and how its messages name it.
 */
public enum TrendKind {
  RETAINED_BYTES_PER_REQUEST("retained bytes per request", Signal.POST_GC_HEAP_BYTES, 1, Per.REQUEST,
      "heap retained"),
  RETAINED_BYTES_PER_VIRTUAL_USER("retained bytes per virtual user", Signal.POST_GC_HEAP_BYTES, 1,
      Per.VIRTUAL_USER, "heap retained"),
  GOROUTINES_PER_1000_REQUESTS("goroutines per 1000 requests", Signal.GOROUTINES, 1000, Per.REQUEST,
      "goroutines grew");

  /** What the rate is counted against: requests, or virtual users (sessions, cookies, clients). */
  public enum Per {
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

  private final String checkName;
  private final Signal signal;
  private final int perCount;
  private final Per per;
  private final String verb;

  TrendKind(String checkName, Signal signal, int perCount, Per per, String verb) {
    this.checkName = checkName;
    this.signal = signal;
    this.perCount = perCount;
    this.per = per;
    this.verb = verb;
  }

  public String recordName(String scope) {
    return "memory: " + checkName + " [" + scope + "]";
  }

  public Signal signal() {
    return signal;
  }

  /** The rate is growth per this many requests or virtual users. */
  public int perCount() {
    return perCount;
  }

  public Per per() {
    return per;
  }

  /** How a message starts, e.g. "heap retained" or "goroutines grew". */
  public String verb() {
    return verb;
  }

  public boolean isBytes() {
    return signal.unit() == Unit.BYTES;
  }

  public String checkName() {
    return checkName;
  }
}
