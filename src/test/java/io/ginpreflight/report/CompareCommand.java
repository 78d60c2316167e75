package io.ginpreflight.report;

import java.nio.file.Path;

/**
 * {@code CompareCommand <other run folder> <this run folder> [output file]}: writes comparison.html (into
 * this run's folder unless an output is given). scripts/compare-runs.sh calls it, e.g. in a pull request's
 * check with main's last published run as the other one.
 */
public final class CompareCommand {

  private CompareCommand() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: CompareCommand <other run folder> <this run folder> [output file]");
      System.exit(2);
    }
    Path base = Path.of(args[0]);
    Path run = Path.of(args[1]);
    Path out = args.length == 3 ? Path.of(args[2]) : run.resolve(ComparisonWriter.FILE);
    ComparisonWriter.Written written = ComparisonWriter.write(base, run, out);
    System.out.println(written.sentence());
    System.exit(written.file().isPresent() ? 0 : 1);
  }
}
