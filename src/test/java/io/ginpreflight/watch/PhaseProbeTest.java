package io.ginpreflight.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.config.ProbeSettings;
import io.ginpreflight.model.Measurement;
import io.ginpreflight.model.ProfileKind;
import io.ginpreflight.model.Signal;
import io.ginpreflight.signal.GoroutineDump;
import io.ginpreflight.signal.HeapProfileText;
import io.ginpreflight.signal.SignalClient;
import io.ginpreflight.target.LaunchedService;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.UploadSvc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe against a live Go service (testdata/uploadsvc): it waits for the goroutine count to stop changing
 * before it reads, says so when it never does, forces its garbage collections before it reads the post-GC
 * heap, and keeps the profiles it read, parsed. Each connection the test holds open to the service is one
 * goroutine of its (net/http's per-connection serve loop), so the test moves the count at will.
 */
@RequiresGo("to build testdata/uploadsvc")
class PhaseProbeTest {

  /** Settled after three equal counts 300 ms apart: the openers below change it every 20 ms. */
  private static final Duration SETTLE_INTERVAL = Duration.ofMillis(300);
  private static final int STABLE_SAMPLES = 3;

  @TempDir
  Path runDir;

  private final int port = LoopbackPorts.free();
  private final List<Socket> held = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeConnectionsAndCheckNoProcessIsLeft() throws IOException {
    for (Socket socket : held) {
      socket.close();
    }
    assertEquals(List.of(), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
  }

  private PhaseProbe probe(int gcRuns, Duration settleTimeout) {
    String base = UploadSvc.baseUrl(port);
    SignalClient client = new SignalClient(Duration.ofSeconds(10));
    SignalEndpoints endpoints = new SignalEndpoints(Optional.of(base + "/metrics"), Optional.of(base + "/debug/pprof"),
        Optional.empty());
    return new PhaseProbe(client, endpoints, new TargetSignals(client, endpoints, Optional.empty(), false),
        new GoroutineLeakProfile(client, endpoints.pprofUrl()), Optional.empty(),
        new ProbeSettings(Duration.ofSeconds(10), gcRuns, SETTLE_INTERVAL, STABLE_SAMPLES, settleTimeout), runDir);
  }

  @Test
  void theGarbageCollectionsItForcesRunBeforeThePostGcHeapIsRead() {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      for (int gcRuns : new int[] {1, 2, 4}) {
        // WHEN a probe forces gcRuns collections through heap?gc=1
        Probe taken = probe(gcRuns, Duration.ofSeconds(10)).take(gcRuns, "after " + gcRuns, true);
        // THEN the runtime counted at least that many cycles between the reading before them and the one after
        long before = taken.reading().beforeGc().get(Signal.GC_COUNT).value();
        long after = taken.reading().afterGc().get(Signal.GC_COUNT).value();
        assertTrue(after - before >= gcRuns, gcRuns + " forced, " + (after - before) + " counted");
        // AND the heap is the last collection's HeapAlloc, said as such
        Measurement heap = taken.reading().get(Signal.POST_GC_HEAP_BYTES);
        assertTrue(heap.isMeasured() && heap.value() > 0, heap.toString());
        assertEquals(PhaseProbe.HEAP_SOURCE, heap.source());
      }
    }
  }

  @Test
  void theProfilesItKeepsAreSavedForPeopleAndParsedOnceForTheJudge() throws Exception {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      Probe kept = probe(2, Duration.ofSeconds(10)).take(3, "kept", true);
      Probe notKept = probe(2, Duration.ofSeconds(10)).take(4, "not kept", false);

      // THEN the kept probe's heap and goroutine profiles are parsed, and each file it lists is there
      ProbeProfiles profiles = kept.profiles();
      assertTrue(profiles.heap().isPresent() && profiles.goroutines().isPresent()
          && profiles.goroutineStacks().isPresent(), profiles.toString());
      // AND what the judge gets is what was saved: the same dumps, not another fetch
      assertEquals(GoroutineDump.parse(Files.readString(runDir.resolve(kept.reading().profiles()
          .get(ProfileKind.GOROUTINE)))).stacks(), profiles.goroutines().get().stacks());
      assertEquals(GoroutineDump.parse(Files.readString(runDir.resolve(kept.reading().profiles()
          .get(ProfileKind.GOROUTINE_FULL)))).stacks(), profiles.goroutineStacks().get().stacks());
      assertEquals(HeapProfileText.parse(Files.readString(runDir.resolve(kept.reading().profiles()
          .get(ProfileKind.HEAP_TEXT)))).records(), profiles.heap().get().records());
      for (ProfileKind kind : List.of(ProfileKind.HEAP, ProfileKind.HEAP_TEXT, ProfileKind.GOROUTINE,
          ProfileKind.GOROUTINE_FULL)) {
        String file = kept.reading().profiles().get(kind);
        assertTrue(file != null && Files.size(runDir.resolve(file)) > 0, kind + ": " + file);
      }
      // AND a probe that keeps none saves and parses none
      assertEquals(ProbeProfiles.NONE, notKept.profiles());
      assertTrue(notKept.reading().profiles().isEmpty(), notKept.reading().profiles().toString());
    }
  }

  @Test
  void itReadsOnlyOnceTheGoroutinesHaveStoppedChanging() throws Exception {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      PhaseProbe probe = probe(2, Duration.ofSeconds(30));
      long idle = probe.take(0, "idle", false).reading().beforeGc().get(Signal.GOROUTINES).value();
      // GIVEN 30 connections opened one every 20 ms, the first before the probe starts
      Thread opener = opener(30, new AtomicBoolean());
      awaitHeld(1);

      // WHEN a probe is taken while they are still being opened
      Probe taken = probe.take(1, "while connections open", false);

      // THEN it waited for the last of them: its first reading already counts every connection's goroutine
      assertFalse(opener.isAlive(), "the probe read while connections were still being opened");
      assertTrue(taken.reading().settled(), taken.reading().settleNote());
      long goroutines = taken.reading().beforeGc().get(Signal.GOROUTINES).value();
      assertTrue(goroutines >= idle + 30, "idle " + idle + ", read " + goroutines);
    }
  }

  @Test
  void aCountThatNeverStopsChangingIsSaidAndTheReadingCarriesIt() throws Exception {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      // GIVEN connections opened one every 20 ms for as long as the probe lasts (at most 300)
      AtomicBoolean stop = new AtomicBoolean();
      Thread opener = opener(300, stop);
      awaitHeld(1);

      // WHEN a probe with a one-second settle timeout is taken
      Probe taken = probe(2, Duration.ofSeconds(1)).take(1, "never settles", false);
      stop.set(true);
      opener.join(10_000);

      // THEN it says it did not settle, and the goroutine count it judges carries the note
      assertFalse(taken.reading().settled());
      assertEquals("goroutines had not settled after 1 s", taken.reading().settleNote());
      assertEquals("goroutines had not settled after 1 s", taken.reading().get(Signal.GOROUTINES).note());
    }
  }

  /** Opens up to {@code count} connections to the service, one every 20 ms, until {@code stop} is set. */
  private Thread opener(int count, AtomicBoolean stop) {
    Thread thread = new Thread(() -> {
      for (int i = 0; i < count && !stop.get(); i++) {
        try {
          Socket socket = new Socket();
          socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
          held.add(socket);
          Thread.sleep(20);
        } catch (IOException e) {
          throw new IllegalStateException("could not connect to uploadsvc: " + e.getMessage(), e);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "connection-opener");
    thread.start();
    return thread;
  }

  /** Waits, bounded, until the opener holds {@code count} connections. */
  private void awaitHeld(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (held.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(held.size() >= count, "no connection opened within 10 s");
  }
}
