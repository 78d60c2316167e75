package io.ginpreflight.report;

import io.ginpreflight.model.CheckKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one phase cost in memory, per request: the figures the HTML pages, the run index and the
 * Pushgateway all show. A phase run as rounds has a fitted trend, which ignores the warm-up round and is
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
    /** Fitted across the rounds after the warm-up one. */
    TREND,
    /** The phase's growth divided by its requests. */
    GROWTH,
    /** Nothing to divide: no requests, or no growth measured. */
    NONE
  }

  public static List<PhaseFigures> of(MemoryReport report) {
    List<PhaseFigures> figures = new ArrayList<>();
    for (PhaseRecord phase : ReportParts.list(report.phases())) {
      Long heap = growth(report, phase.name(), CheckKind.HEAP_GROWTH);
      Long goroutines = growth(report, phase.name(), CheckKind.GOROUTINE_GROWTH);
      TrendRecord trend = ReportParts.list(report.trends()).stream()
          .filter(t -> Objects.equals(t.phase(), phase.name())).findFirst().orElse(null);
      if (trend != null && (trend.retainedBytesPerRequest() != null || trend.goroutinesPer1000Requests() != null)) {
        figures.add(new PhaseFigures(phase.name(), phase.judged(), phase.requests(), heap, goroutines,
            trend.retainedBytesPerRequest(), trend.goroutinesPer1000Requests(), Basis.TREND));
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

  private static Long growth(MemoryReport report, String phase, CheckKind kind) {
    return ReportParts.list(report.checks()).stream()
        .filter(c -> Objects.equals(c.phase(), phase) && kind.checkName().equals(c.check()))
        .map(CheckRecord::growth).filter(Objects::nonNull).findFirst().orElse(null);
  }
}
