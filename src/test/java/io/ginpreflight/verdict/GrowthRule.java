package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.util.OptionalLong;

/** Growth of one signal across a phase, judged against its limit. */
public final class GrowthRule {

  private GrowthRule() {}

  public static CheckResult evaluate(
      CheckKind kind, String phase, Measurement before, Measurement after, long limit) {
    Unit unit = kind.unit();
    String signalName = kind.signalName(after.source().isEmpty() ? before.source() : after.source());
    if (!before.isMeasured() || !after.isMeasured()) {
      String reason = !before.isMeasured() ? before.failure() : after.failure();
      String when = !before.isMeasured() ? "before" : "after";
      String message = signalName + " could not be measured " + when + " phase \"" + phase + "\": "
          + reason + "; an unmeasured signal is not a pass";
      return new CheckResult(kind, phase, Status.INCONCLUSIVE,
          optional(before), optional(after), limit, message, java.util.List.of());
    }
    long growth = after.value() - before.value();
    String verb = growth >= 0 ? "grew " : "shrank ";
    String message = signalName + " " + verb + (unit == Unit.COUNT ? "by " : "")
        + unit.format(Math.abs(growth)) + " during phase \"" + phase + "\" (before "
        + unit.format(before.value()) + ", after " + unit.format(after.value()) + "); limit "
        + unit.format(limit) + suffix(before, after);
    Status status = growth > limit ? Status.KO : Status.OK;
    return new CheckResult(kind, phase, status,
        OptionalLong.of(before.value()), OptionalLong.of(after.value()), limit, message, java.util.List.of());
  }

  private static String suffix(Measurement before, Measurement after) {
    String note = after.note().isEmpty() ? before.note() : after.note();
    return note.isEmpty() ? "" : " (" + note + ")";
  }

  private static OptionalLong optional(Measurement measurement) {
    return measurement.isMeasured() ? OptionalLong.of(measurement.value()) : OptionalLong.empty();
  }
}
