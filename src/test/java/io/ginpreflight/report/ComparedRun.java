package io.ginpreflight.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run folder on one side of a comparison: where it is, and its memory report. */
record ComparedRun(Path folder, MemoryReport report) {

  static ComparedRun read(Path folder) throws IOException {
    Path json = folder.resolve(ReportSet.JSON);
    if (!Files.isRegularFile(json)) {
      throw new IOException(folder + " holds no " + ReportSet.JSON + ": give a run folder under reports/");
    }
    return new ComparedRun(folder.toAbsolutePath().normalize(), MemoryJson.read(json));
  }

  String name() {
    return folder.getFileName().toString();
  }

  /** This run's memory.html as a link from the page written into {@code page}'s folder. */
  String link(ComparedRun page) {
    Path target = folder.resolve(ReportSet.HTML);
    return page.folder().relativize(target).toString();
  }

  /** A file of this run as a pprof command names it from the folder both runs share, else absolutely. */
  String pathFrom(Path workdir, String relative) {
    Path file = folder.resolve(relative);
    return file.startsWith(workdir) ? workdir.relativize(file).toString() : file.toString();
  }
}
