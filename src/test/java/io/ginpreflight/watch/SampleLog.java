package io.ginpreflight.watch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.ginpreflight.report.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * samples.jsonl: one JSON object a line, flushed as each sample is taken, so a run that dies keeps
 * every sample it took.
 */
final class SampleLog implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(
      new SimpleModule().addSerializer(Instant.class, new JsonSerializer<>() {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
          gen.writeString(value.toString());
        }
      }));

  private final Path file;
  private final BufferedWriter writer;

  SampleLog(Path file) throws IOException {
    this.file = file;
    Files.createDirectories(file.getParent());
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  synchronized void append(Sample sample) throws IOException {
    writer.write(JSON.writeValueAsString(sample));
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
