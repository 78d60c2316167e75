package io.ginpreflight.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Sample;
import io.ginpreflight.model.SampleLines;
import io.ginpreflight.model.Signal;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryJsonTest {

  @TempDir
  Path dir;

  @Test
  void aReportReadsBackEqualWithInstantsAsIsoText() throws Exception {
    // GIVEN a report
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    Path file = dir.resolve("memory.json");
    // WHEN it is written and read back
    MemoryJson.write(report, file);
    MemoryReport read = MemoryJson.read(file);
    // THEN nothing was lost and instants are readable by people and by any JSON tool
    assertEquals(report, read);
    String json = Files.readString(file);
    assertTrue(json.contains("\"startedAt\" : \"2026-11-28T02:00:00Z\""), json);
    assertTrue(json.contains("\"schemaVersion\" : 1"), json);
  }

  @Test
  void aSignalOfANewerWriterIsIgnoredLikeAnUnknownField() throws Exception {
    // GIVEN memory.json of a newer writer whose probes name a signal this reader does not know
    Path file = dir.resolve("memory.json");
    MemoryJson.write(ReportFixtures.report("UploadSimulation", ReportFixtures.START), file);
    Files.writeString(file, Files.readString(file).replace("\"goroutines\" : 12", "\"futureSignal\" : 7"));
    // WHEN it is read
    MemoryReport read = MemoryJson.read(file);
    // THEN the known signals are there and the unknown one is left out
    assertEquals(Map.of(Signal.POST_GC_HEAP_BYTES, 11_800_000L), read.probes().get(0).afterGc());
  }

  @Test
  void aTornLastSampleLineIsSkippedAndTheRestKept() throws Exception {
    // GIVEN samples.jsonl of a run killed while writing its third line
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    List<Sample> samples = ReportFixtures.samples(report).subList(0, 3);
    String third = SampleLines.line(samples.get(2));
    Path file = dir.resolve("samples.jsonl");
    Files.writeString(file, SampleLines.line(samples.get(0)) + "\n" + SampleLines.line(samples.get(1))
        + "\n" + third.substring(0, third.length() / 2));
    // WHEN it is read
    List<Sample> read = MemoryJson.readSamples(file);
    // THEN the two whole samples are there
    assertEquals(samples.subList(0, 2), read);
    assertTrue(SampleLines.line(samples.get(0)).startsWith("{\"at\":\"2026-11-28T02:00:00Z\",\"phase\":\"warm up\","));
  }

  @Test
  void aMissingSamplesFileIsNoSamples() throws Exception {
    assertEquals(List.of(), MemoryJson.readSamples(dir.resolve("absent.jsonl")));
  }

  @Test
  void reportSetWritesAllThreeFilesEvenWithoutSamples() throws Exception {
    // GIVEN a run folder without samples.jsonl (the watch never started)
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    // WHEN the report set is written
    ReportSet.Files files = ReportSet.write(report, dir);
    // THEN the three files exist and nothing was reported missing
    assertEquals(List.of(), files.problems());
    assertTrue(Files.size(files.json()) > 0 && Files.size(files.html()) > 0 && Files.size(files.junit()) > 0);
    assertEquals(dir.resolve("memory.html"), files.html());
  }

  @Test
  void reportSetSaysWhatItCouldNotWriteInsteadOfThrowing() throws Exception {
    // GIVEN a run folder path that is a file
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    // WHEN the report set is written into it
    ReportSet.Files files = ReportSet.write(ReportFixtures.report("S", ReportFixtures.START), notAFolder);
    // THEN each of the three files is reported, none thrown
    assertEquals(3, files.problems().size(), files.problems().toString());
    assertTrue(files.problems().get(0).startsWith("Could not write or read " + notAFolder.resolve("memory.json")));
  }
}
