package io.ginpreflight.model;


/** A leak rate fitted across the rounds of a phase: what it reads and per how many requests. */
public enum TrendKind {
  RETAINED_BYTES_PER_REQUEST("retained bytes per request", Signals.POST_GC_HEAP_BYTES, 1, "retained heap"),
  GOROUTINES_PER_1000_REQUESTS("goroutines per 1000 requests", Signals.GOROUTINES, 1000, "goroutines");

  private final String checkName;
  private final String signal;
  private final int perRequests;
  private final String subject;

  TrendKind(String checkName, String signal, int perRequests, String subject) {
    this.checkName = checkName;
    this.signal = signal;
    this.perRequests = perRequests;
    this.subject = subject;
  }

  public String recordName(String phase) {
    return "memory: " + checkName + " [" + phase + "]";
  }

  public String signal() {
    return signal;
  }

  /** The rate is growth per this many requests. */
  public int perRequests() {
    return perRequests;
  }

  public String subject() {
    return subject;
  }

  public String checkName() {
    return checkName;
  }
}
