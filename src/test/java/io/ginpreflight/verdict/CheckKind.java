package io.ginpreflight.verdict;

/** What a memory check measures, and how its messages name the signal. */
public enum CheckKind {
  HEAP_GROWTH("heap growth", "heap (post-GC HeapAlloc)", Unit.BYTES),
  GOROUTINE_GROWTH("goroutine growth", "goroutines", Unit.COUNT);

  private final String checkName;
  private final String signalName;
  private final Unit unit;

  CheckKind(String checkName, String signalName, Unit unit) {
    this.checkName = checkName;
    this.signalName = signalName;
    this.unit = unit;
  }

  /** The name of the record in Gatling's results, e.g. {@code memory: heap growth [steady]}. */
  public String recordName(String phase) {
    return "memory: " + checkName + " [" + phase + "]";
  }

  public String checkName() {
    return checkName;
  }

  public String signalName() {
    return signalName;
  }

  public Unit unit() {
    return unit;
  }
}
