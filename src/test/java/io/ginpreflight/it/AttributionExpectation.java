package io.ginpreflight.it;

import io.ginpreflight.model.AttributedGroup;
import io.ginpreflight.model.Attribution;
import io.ginpreflight.model.CheckKind;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.Status;
import io.ginpreflight.report.MemoryJson;
import io.ginpreflight.report.MemoryReport;
import io.ginpreflight.testkit.GatlingProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a run whose family's requests were driven apart must show for one check: the check KO, its message's first
 * 200 characters (all Gatling's report shows) leading with the attribution, which outcome it found, and exactly
 * which requests its rounds found keeping something. Says what differs, rather than asserting, so the tests of
 * several services share it.
 *
 * @param retaining the requests driven alone that keep something; empty for every request
 */
record AttributionExpectation(String phase, CheckKind kind, Attribution.Outcome outcome, List<String> retaining,
    Pattern first200) {

  /** Whether the run's memory.json shows it; the problems, one per line, when it does not. */
  List<String> problems(GatlingProcess run) throws IOException {
    List<String> problems = new ArrayList<>();
    Optional<Path> folder = run.runFolder();
    if (run.exitCode == 0) {
      problems.add("the run passed");
    }
    if (folder.isEmpty() || !folder.get().resolve("memory.json").toFile().isFile()) {
      problems.add("no memory.json");
      return problems;
    }
    MemoryReport report = MemoryJson.read(folder.get().resolve("memory.json"));
    Optional<CheckResult> check = report.check(kind, phase);
    if (check.isEmpty()) {
      problems.add("no check " + kind.checkName() + " [" + phase + "]");
      return problems;
    }
    CheckResult found = check.get();
    String shown = found.message().substring(0, Math.min(200, found.message().length()));
    if (found.status() != Status.KO) {
      problems.add(kind.checkName() + " [" + phase + "] is " + found.status() + ": " + found.message());
    }
    if (!first200.matcher(shown).find()) {
      problems.add("the first 200 characters do not match " + first200 + ": " + shown);
    }
    Attribution attribution = found.detail().attribution();
    if (attribution == null) {
      problems.add("no attribution in memory.json's detail");
      return problems;
    }
    if (attribution.outcome() != outcome) {
      problems.add("outcome " + attribution.outcome() + ", expected " + outcome + ": " + attribution.sentence());
    }
    List<String> keeping = attribution.groups().stream()
        .filter(g -> g.share() == AttributedGroup.Share.RETAINS && g.requests().size() == 1)
        .map(g -> g.requests().get(0)).sorted().toList();
    if (outcome == Attribution.Outcome.LOCATED && !keeping.equals(retaining.stream().sorted().toList())) {
      problems.add("requests driven alone that keep something: " + keeping + ", expected " + retaining);
    }
    return problems;
  }

  /** One line for a failed expectation, the run's tail after it. */
  static String said(List<String> problems, GatlingProcess run) {
    String tail = run.output.length() > 3000 ? run.output.substring(run.output.length() - 3000) : run.output;
    return String.join("\n", problems) + "\n(" + run.took.toSeconds() + " s)\n" + tail;
  }
}
