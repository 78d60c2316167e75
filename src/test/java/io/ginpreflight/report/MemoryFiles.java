package io.ginpreflight.report;

import io.ginpreflight.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the three memory files of a run beside Gatling's index.html. Call it from the simulation's
 * {@code after()} hook and again from wherever an interrupted run ends: it never throws, each file is
 * written on its own, and a file that cannot be written is reported rather than taking the others down.
 */
public final class MemoryFiles {

  public static final String JSON = "memory.json";
  public static final String HTML = "memory.html";
  public static final String JUNIT = "memory-junit.xml";

  /** What was written; {@code problems} says, one sentence each, what could not be. */
  public record Files(Path json, Path html, Path junit, List<String> problems) {

    public boolean complete() {
      return problems.isEmpty();
    }
  }

  private MemoryFiles() {}

  /** Writes the files; the samples come from {@code samplesJsonl}, which may be missing or torn. */
  public static Files write(MemoryReport report, Path samplesJsonl, Path runFolder) {
    List<String> problems = new ArrayList<>();
    Path json = runFolder.resolve(JSON);
    Path html = runFolder.resolve(HTML);
    Path junit = runFolder.resolve(JUNIT);
    attempt(problems, json, () -> MemoryJson.write(report, json));
    List<Sample> samples = new ArrayList<>();
    attempt(problems, samplesJsonl, () -> samples.addAll(MemoryJson.readSamples(samplesJsonl)));
    attempt(problems, html, () -> MemoryHtmlWriter.write(report, samples, html));
    attempt(problems, junit, () -> JUnitXmlWriter.write(report, junit));
    return new Files(json, html, junit, List.copyOf(problems));
  }

  /** Writes the files with the samples file the report names, relative to the run folder. */
  public static Files write(MemoryReport report, Path runFolder) {
    return write(report, runFolder.resolve(report.samplesFile()), runFolder);
  }

  private interface Step {
    void run() throws IOException;
  }

  private static void attempt(List<String> problems, Path file, Step step) {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      problems.add("Could not write or read " + file + ": " + e);
    }
  }
}
