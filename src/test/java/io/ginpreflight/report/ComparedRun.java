package io.ginpreflight.report;

import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.SignalUnavailable;
import io.ginpreflight.watch.ProbeProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A run folder on one side of a comparison: where it is, its memory report, and the profiles its probes
 * kept, by probe index: as the run that is finishing parsed them, or read from the folder of an earlier one.
 */
record ComparedRun(Path folder, MemoryReport report, IntFunction<ProbeProfiles> profiles) {

  /** An earlier run, published: its profiles are read from its folder when asked for. */
  static ComparedRun read(Path folder) throws IOException {
    Path json = folder.resolve(MemoryFiles.JSON);
    if (!Files.isRegularFile(json)) {
      throw new IOException(folder + " holds no " + MemoryFiles.JSON + ": give a run folder under reports/");
    }
    Path absolute = folder.toAbsolutePath().normalize();
    MemoryReport report = MemoryJson.read(json);
    return new ComparedRun(absolute, report, probe -> fromFolder(absolute, report, probe));
  }

  /** The run that is finishing: its report from its folder, its profiles as its probes parsed them. */
  static ComparedRun finishing(Path folder, IntFunction<ProbeProfiles> parsed) throws IOException {
    ComparedRun published = read(folder);
    return new ComparedRun(published.folder(), published.report(), parsed);
  }

  String name() {
    return folder.getFileName().toString();
  }

  /** This run's memory.html as a link from the page written into {@code page}'s folder. */
  String link(ComparedRun page) {
    Path target = folder.resolve(MemoryFiles.HTML);
    return page.folder().relativize(target).toString();
  }

  /** A file of this run as a pprof command names it from the folder both runs share, else absolutely. */
  String pathFrom(Path workdir, String relative) {
    Path file = folder.resolve(relative);
    return file.startsWith(workdir) ? workdir.relativize(file).toString() : file.toString();
  }

  /** The heap and goroutine profiles a probe saved in the folder; a missing or unreadable one is empty. */
  private static ProbeProfiles fromFolder(Path folder, MemoryReport report, int probe) {
    return report.probes().stream().filter(p -> p.index() == probe).findFirst().map(record -> new ProbeProfiles(
        text(folder, record, ProfileKind.HEAP_TEXT).flatMap(ComparedRun::heap),
        text(folder, record, ProfileKind.GOROUTINE).flatMap(ComparedRun::dump),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).orElse(ProbeProfiles.NONE);
  }

  private static Optional<String> text(Path folder, ProbeRecord probe, ProfileKind kind) {
    String relative = probe.profiles().get(kind);
    if (relative == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(folder.resolve(relative)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<HeapProfileText> heap(String text) {
    try {
      return Optional.of(HeapProfileText.parse(text));
    } catch (SignalUnavailable e) {
      return Optional.empty();
    }
  }

  private static Optional<GoroutineDump> dump(String text) {
    try {
      return Optional.of(GoroutineDump.parse(text));
    } catch (SignalUnavailable e) {
      return Optional.empty();
    }
  }
}
