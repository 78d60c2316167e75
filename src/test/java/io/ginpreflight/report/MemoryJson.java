package io.ginpreflight.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code memory.json} and {@code samples.jsonl}; the shape is documented in
 * docs/memory-json.md. Instants are ISO-8601 strings ({@code 2026-11-28T04:47:24.123Z}).
 */
public final class MemoryJson {

  /**
   * Gatling does not bring jackson-datatype-jsr310, and two small functions are cheaper than a new
   * dependency whose version must then follow Gatling's Jackson.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new SimpleModule("instants")
          .addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
              gen.writeString(value.toString());
            }
          })
          .addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
              return Instant.parse(parser.getValueAsString());
            }
          }))
      // A newer writer may add fields (the schema grows by adding); an older reader must still read it.
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private MemoryJson() {}

  /** The mapper for memory.json and samples.jsonl, shared so every writer agrees on instants. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static void write(MemoryReport report, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, MAPPER.writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
  }

  public static MemoryReport read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), MemoryReport.class);
  }

  /** One sample as one line of samples.jsonl. */
  public static String sampleLine(Sample sample) throws JsonProcessingException {
    return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample);
  }

  /**
   * The samples of a run, in file order. A run killed mid-write leaves a torn last line, and a report
   * must still be drawn from what was kept: lines that do not parse are skipped. A missing file is no
   * samples.
   */
  public static List<Sample> readSamples(Path file) throws IOException {
    List<Sample> samples = new ArrayList<>();
    if (file == null || !Files.isRegularFile(file)) {
      return samples;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        try {
          Sample sample = MAPPER.readValue(line, Sample.class);
          if (sample.at() != null) {
            samples.add(sample);
          }
        } catch (JsonProcessingException | java.time.format.DateTimeParseException torn) {
          // skipped on purpose, see above
        }
      }
    }
    return samples;
  }
}
