package io.ginpreflight.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** samples.jsonl: one {@link Sample} a line, written by the watch and read by the reports. */
public final class SampleLines {

  private SampleLines() {}

  /** One sample as one line of samples.jsonl. */
  public static String line(Sample sample) throws JsonProcessingException {
    return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(sample);
  }

  /**
   * The samples of a run, in file order. A run killed mid-write leaves a torn last line, and a report
   * must still be drawn from what was kept: lines that do not parse are skipped. A missing file is no
   * samples.
   */
  public static List<Sample> read(Path file) throws IOException {
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
          Sample sample = Json.MAPPER.readValue(line, Sample.class);
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
