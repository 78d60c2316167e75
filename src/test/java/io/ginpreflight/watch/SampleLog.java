package io.ginpreflight.watch;

import io.ginpreflight.model.Sample;
import io.ginpreflight.model.SampleLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * samples.jsonl: one JSON object a line, flushed as each sample is taken, so a run that dies keeps
 * every sample it took.
 */
final class SampleLog implements AutoCloseable {

  private final Path file;
  private final BufferedWriter writer;

  SampleLog(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.getParent());
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  synchronized void append(Sample sample) throws IOException {
    writer.write(SampleLines.line(sample));
    writer.newLine();
    writer.flush();
  }

  Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
