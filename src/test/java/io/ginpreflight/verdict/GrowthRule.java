package io.ginpreflight.verdict;

import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Figures;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Growth of one signal across a phase, judged against its limit. The sentence leads with what grew and,
 * for a KO, where: {@code heap +48.2 MiB in phase "uploads"; top growth: main.saveUpload (upload.go:41)
 * 47.9 MiB ...; post-GC HeapAlloc before 12.1 MiB, after 60.3 MiB; limit 4.0 MiB}.
 */
public final class GrowthRule {

  private GrowthRule() {}

  /** Without a place to name: a KO says what grew only. */
  public static CheckResult evaluate(CheckKind kind, String phase, Measurement before, Measurement after,
      long limit) {
    return evaluate(kind, phase, before, after, limit, () -> Where.NONE);
  }

  /** @param where asked only for a KO: where it grew, which it names right after what grew */
  public static CheckResult evaluate(CheckKind kind, String phase, Measurement before, Measurement after,
      long limit, Supplier<Where> where) {
    Unit unit = kind.unit();
    String source = after.source().isEmpty() ? before.source() : after.source();
    if (!before.isMeasured() || !after.isMeasured()) {
      String reason = !before.isMeasured() ? before.failure() : after.failure();
      String when = !before.isMeasured() ? "before" : "after";
      String message = kind.subject() + (source.isEmpty() ? "" : " (" + source + ")") + " could not be measured "
          + when + " phase \"" + phase + "\": " + reason + "; an unmeasured signal is not a pass";
      return CheckResult.of(kind, phase, Status.INCONCLUSIVE,
          Figures.growth(optional(before), optional(after), limit), message);
    }
    long growth = after.value() - before.value();
    Status status = growth > limit ? Status.KO : Status.OK;
    Where found = status == Status.KO ? where.get() : Where.NONE;
    String message = kind.subject() + " " + (growth >= 0 ? "+" : "-") + unit.format(Math.abs(growth))
        + " in phase \"" + phase + "\"" + (found.isEmpty() ? "" : "; " + found.clause()) + "; "
        + (source.isEmpty() ? "" : source + " ") + "before " + unit.format(before.value()) + ", after "
        + unit.format(after.value()) + "; limit " + unit.format(limit) + note(before, after);
    return new CheckResult(kind, phase, status, Figures.growth(optional(before), optional(after), limit), null,
        message, found.detail(), List.of());
  }

  private static String note(Measurement before, Measurement after) {
    String note = after.note().isEmpty() ? before.note() : after.note();
    return note.isEmpty() ? "" : "; " + note;
  }

  private static OptionalLong optional(Measurement measurement) {
    return measurement.isMeasured() ? OptionalLong.of(measurement.value()) : OptionalLong.empty();
  }
}
