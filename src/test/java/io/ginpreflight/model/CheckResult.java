package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One judged check, as the judge produces it, memory.json holds it and every report reads it: what was
 * judged ({@code kind}) over which phase ({@code scope}, or {@link #WHOLE_RUN}), its status, the figures
 * it was judged by, a rate's 95 % interval, the sentence (what grew and where first), and where the growth
 * is. A baseline's {@code parts} are its figures, each compared on its own; other checks have none.
 *
 * @param interval null unless the check is a measured rate
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CheckResult(CheckKind kind, String scope, Status status, Figures figures, Interval interval,
    String message, LeakDetail detail, List<CheckResult> parts) {

  /** The scope of the rates fitted across every judged phase together. */
  public static final String WHOLE_RUN = "whole run";

  public CheckResult {
    // A report of a newer writer may carry a status this reader does not know: never read as a pass.
    status = status == null ? Status.INCONCLUSIVE : status;
    figures = figures == null ? Figures.NONE : figures;
    message = message == null ? "" : message;
    detail = detail == null ? LeakDetail.NONE : detail;
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  /** A check without interval, detail or parts. */
  public static CheckResult of(CheckKind kind, String scope, Status status, Figures figures, String message) {
    return new CheckResult(kind, scope, status, figures, null, message, LeakDetail.NONE, List.of());
  }

  /** The record's name in Gatling's results, e.g. {@code memory: heap growth [steady]}. */
  @JsonProperty(value = "name", access = JsonProperty.Access.READ_ONLY)
  public String recordName() {
    return kind == null ? "memory: unknown check [" + scope + "]" : kind.recordName(scope);
  }

  /** The unit of its figures: {@code bytes} or {@code count}. */
  @JsonProperty(value = "unit", access = JsonProperty.Access.READ_ONLY)
  public Unit unit() {
    return kind == null ? Unit.COUNT : kind.unit();
  }
}
