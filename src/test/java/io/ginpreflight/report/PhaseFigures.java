package io.ginpreflight.report;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one phase cost in memory, per request: the figures the HTML pages, the run index and the
 * Pushgateway all show. A judged phase has fitted rates, which ignore the warm-up round and are
 * preferred; otherwise the phase's growth is divided by its requests.
 *
 * @param basis where the per-request figures come from
 */
public record PhaseFigures(
    String phase,
    boolean judged,
    long requests,
    Long heapGrowth,
    Long goroutineGrowth,
    Double retainedBytesPerRequest,
    Double goroutinesPer1000Requests,
    Basis basis) {

  /** Where a phase's per-request figures come from; the pages say so beside them. */
  public enum Basis {
    /** The phase's rates, fitted across its judged rounds. */
    FITTED,
    /** The phase's growth divided by its requests. */
    GROWTH,
    /** Nothing to divide: no requests, or no growth measured. */
    NONE
  }

  public static List<PhaseFigures> of(MemoryReport report) {
    List<PhaseFigures> figures = new ArrayList<>();
    for (PhaseRecord phase : report.phases()) {
      Long heap = growth(report, CheckKind.HEAP_GROWTH, phase.name());
      Long goroutines = growth(report, CheckKind.GOROUTINE_GROWTH, phase.name());
      Double bytesRate = value(report, CheckKind.RETAINED_BYTES_PER_REQUEST, phase.name());
      Double goroutineRate = value(report, CheckKind.GOROUTINES_PER_1000_REQUESTS, phase.name());
      if (bytesRate != null || goroutineRate != null) {
        figures.add(new PhaseFigures(phase.name(), phase.judged(), phase.requests(), heap, goroutines, bytesRate,
            goroutineRate, Basis.FITTED));
      } else if (phase.requests() > 0 && (heap != null || goroutines != null)) {
        figures.add(new PhaseFigures(phase.name(), phase.judged(), phase.requests(), heap, goroutines,
            heap == null ? null : heap / (double) phase.requests(),
            goroutines == null ? null : goroutines * 1000.0 / phase.requests(), Basis.GROWTH));
      } else {
        figures.add(new PhaseFigures(phase.name(), phase.judged(), phase.requests(), heap, goroutines, null, null,
            Basis.NONE));
      }
    }
    return figures;
  }

  private static Long growth(MemoryReport report, CheckKind kind, String phase) {
    Optional<CheckResult> check = report.check(kind, phase);
    return check.isPresent() && check.get().figures().growth().isPresent()
        ? check.get().figures().growth().getAsLong() : null;
  }

  private static Double value(MemoryReport report, CheckKind kind, String phase) {
    return report.check(kind, phase).map(c -> c.figures().value()).orElse(null);
  }
}
