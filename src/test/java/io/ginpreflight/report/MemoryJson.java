package io.ginpreflight.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ginpreflight.model.Json;
import io.ginpreflight.model.Sample;
import io.ginpreflight.model.SampleLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code memory.json} and {@code samples.jsonl}; the shape is documented in
 * docs/memory-json.md. Instants are ISO-8601 strings ({@code 2026-11-28T04:47:24.123Z}).
 */
public final class MemoryJson {

  private static final ObjectMapper MAPPER = Json.MAPPER;

  private MemoryJson() {}

  public static void write(MemoryReport report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, MAPPER.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
  }

  public static MemoryReport read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), MemoryReport.class);
  }

  /** The samples of a run, in file order (see {@link SampleLines#read}). */
  public static List<Sample> readSamples(Path file) throws IOException {
    return SampleLines.read(file);
  }
}
