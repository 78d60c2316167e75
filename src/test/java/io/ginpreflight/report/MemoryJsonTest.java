package io.ginpreflight.report;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.Availability;
import io.ginpreflight.model.CheckResult;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Sample;
import io.ginpreflight.model.SampleLines;
import io.ginpreflight.model.Signal;
import io.ginpreflight.model.Source;
import io.ginpreflight.model.Status;
import io.ginpreflight.model.Unit;
import io.ginpreflight.testkit.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    assertTrue(json.contains("\"schemaVersion\" : 2"), json);
  }

  @Test
  void typedKeysAndValuesAreWrittenWithTheNamesDocsMemoryJsonGives() throws Exception {
    // GIVEN a passing report whose probe has every signal and profile kind, and every source answered
    MemoryReport base = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    Map<Signal, Long> values = new EnumMap<>(Signal.class);
    Arrays.stream(Signal.values()).forEach(signal -> values.put(signal, 1000L + signal.ordinal()));
    Map<ProfileKind, String> profiles = new EnumMap<>(ProfileKind.class);
    Arrays.stream(ProfileKind.values()).forEach(kind -> profiles.put(kind, "profiles/" + kind.jsonName() + "-1"));
    ProbeRecord probe = new ProbeRecord(1, "after \"steady\"", ReportFixtures.START, 840, true, "", values, values,
        Map.of("tempBytes", "no temp directory is known"), profiles);
    Map<Source, Availability> signals = new EnumMap<>(Source.class);
    signals.put(Source.METRICS, Availability.YES);
    signals.put(Source.PPROF, Availability.no("no pprof URL", "the heap is estimated from metrics"));
    signals.put(Source.PROCFS, Availability.yes("pid 19021"));
    signals.put(Source.TEMP_DIR, Availability.yes("/tmp/lab-tmp"));
    MemoryReport report = new MemoryReport(base.schemaVersion(), base.simulation(), base.runId(), base.startedAt(),
        base.endedAt(), base.target(), signals, RunVerdict.PASS, List.of(), base.phases(), List.of(probe),
        base.checks(), base.samplesFile(), base.noise(), base.build(), base.knownLeaks(), base.identity(), base.failing());
    Path file = dir.resolve("memory.json");
    // WHEN it is written and read back
    MemoryJson.write(report, file);
    MemoryReport read = MemoryJson.read(file);
    // THEN the file holds the names docs/memory-json.md documents, as keys and as values
    String json = Files.readString(file);
    for (String text : List.of("\"postGcHeapBytes\" : 1000", "\"liveHeapBytes\" : 1001", "\"tempBytes\" : " + (1000 + Signal.TEMP_BYTES.ordinal()),
        "\"leakedGoroutines\" : " + (1000 + Signal.LEAKED_GOROUTINES.ordinal()),
        "\"goroutineleak\" : \"profiles/goroutineleak-1\"",
        "\"heap\" : \"profiles/heap-1\"", "\"heap-text\" : \"profiles/heap-text-1\"",
        "\"goroutine\" : \"profiles/goroutine-1\"", "\"goroutine-full\" : \"profiles/goroutine-full-1\"",
        "\"status\" : \"KO\"", "\"status\" : \"INCONCLUSIVE\"", "\"unit\" : \"bytes\"", "\"unit\" : \"count\"",
        "\"verdict\" : \"PASS\"", "\"metrics\" : \"yes\"",
        "\"pprof\" : \"no: no pprof URL — the heap is estimated from metrics\"", "\"procfs\" : \"yes (pid 19021)\"",
        "\"temp dir\" : \"yes (/tmp/lab-tmp)\"")) {
      assertTrue(json.contains(text), text + " in\n" + json);
    }
    // AND every enum key and value reads back as what was written
    assertEquals(report, read);
    assertEquals(Set.of(Unit.BYTES, Unit.COUNT), read.checks().stream().map(CheckResult::unit).collect(toSet()));
  }

  @Test
  void namesOfANewerWriterAreIgnoredLikeUnknownFields() throws Exception {
    // GIVEN memory.json of a newer writer with a signal, a profile kind, a source and a status this reader
    // does not know
    Path file = dir.resolve("memory.json");
    MemoryJson.write(ReportFixtures.report("UploadSimulation", ReportFixtures.START), file);
    Files.writeString(file, Files.readString(file).replace("\"goroutines\" : 12", "\"futureSignal\" : 7")
        .replace("\"goroutine\" : \"profiles/probe-1", "\"mutex\" : \"profiles/probe-1")
        .replace("\"pprof\" : \"yes\"", "\"ebpf\" : \"yes\"")
        .replace("\"status\" : \"KO\"", "\"status\" : \"SKIPPED\""));
    // WHEN it is read
    MemoryReport read = MemoryJson.read(file);
    // THEN what it knows is there, the unknown keys are left out, and the unknown status is no pass
    assertEquals(Map.of(Signal.POST_GC_HEAP_BYTES, 11_800_000L), read.probes().get(0).afterGc());
    assertEquals(Set.of(ProfileKind.HEAP), read.probes().get(0).profiles().keySet());
    assertEquals(Set.of(Source.METRICS, Source.PROCFS), read.signals().keySet());
    assertEquals(Status.INCONCLUSIVE, read.checks().get(0).status());
    assertTrue(MemoryHtmlWriter.render(read, List.of()).contains(
        "<td class=\"inconclusive\" title=\"heap +48.2 MiB"));
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
  void memoryFilesWritesAllThreeFilesEvenWithoutSamples() throws Exception {
    // GIVEN a run folder without samples.jsonl (the watch never started)
    MemoryReport report = ReportFixtures.report("UploadSimulation", ReportFixtures.START);
    // WHEN the memory files are written
    MemoryFiles.Files files = MemoryFiles.write(report, dir);
    // THEN the three files exist and nothing was reported missing
    assertEquals(List.of(), files.problems());
    assertTrue(Files.size(files.json()) > 0 && Files.size(files.html()) > 0 && Files.size(files.junit()) > 0);
    assertEquals(dir.resolve("memory.html"), files.html());
  }

  @Test
  void memoryFilesSaysWhatItCouldNotWriteInsteadOfThrowing() throws Exception {
    // GIVEN a run folder path that is a file
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    // WHEN the memory files are written into it
    MemoryFiles.Files files = MemoryFiles.write(ReportFixtures.report("S", ReportFixtures.START), notAFolder);
    // THEN each of the three files is reported, none thrown
    assertEquals(3, files.problems().size(), files.problems().toString());
    assertTrue(files.problems().get(0).startsWith("Could not write or read " + notAFolder.resolve("memory.json")));
  }
}
