package io.ginpreflight.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PublishCommand --reports reports --keep 30 <run folder>...}: publishes run folders that are not
 * in reports/ yet and rebuilds reports/index.html. scripts/nightly.sh calls it after Maven so that a run
 * whose JVM was killed before its own shutdown hook could publish is still listed.
 */
public final class PublishCommand {

  private static final String USAGE = "usage: PublishCommand --reports <dir> --keep <n> [run folder...]";

  private PublishCommand() {}

  public static void main(String[] args) throws IOException {
    Path reports = null;
    int keep = 0;
    List<Path> runs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reports" -> reports = Path.of(value(args, ++i));
        case "--keep" -> keep = keep(value(args, ++i));
        default -> runs.add(Path.of(args[i]));
      }
    }
    if (reports == null || keep < 1) {
      fail(USAGE);
    }
    int published = 0;
    for (Path run : runs) {
      if (Files.isDirectory(reports.resolve(run.getFileName().toString()))) {
        System.out.println("Already published: " + run.getFileName());
        continue;
      }
      RunPublisher.Published result = RunPublisher.publish(run, reports, keep);
      result.problems().forEach(System.err::println);
      if (Files.isDirectory(result.run())) {
        System.out.println("Published " + result.run().toAbsolutePath());
        published++;
      }
    }
    if (published == 0) {
      // Nothing new: the index is still rebuilt, so a run's failed publish never leaves it stale.
      Files.createDirectories(reports);
      RunPublisher.rebuildIndex(reports);
    }
    System.out.println("Run index: " + reports.resolve(RunPublisher.INDEX).toAbsolutePath());
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(USAGE);
    }
    return args[i];
  }

  private static int keep(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      fail("--keep needs a whole number of at least 1, got '" + text + "'. " + USAGE);
      return 0;
    }
  }

  private static void fail(String sentence) {
    System.err.println(sentence);
    System.exit(2);
  }
}
