package io.ginpreflight.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.target.LaunchedService;
import io.ginpreflight.target.LoopbackPorts;
import io.ginpreflight.testkit.RequiresGo;
import io.ginpreflight.testkit.UploadSvc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS readers against a live uploadsvc started by the launcher. */
@RequiresGo("to build testdata/uploadsvc")
class LiveProcessSignalsTest {

  private static final int UPLOADS = 7;
  private static final String BODY = "x".repeat(1000);

  @TempDir
  Path runDir;

  private final int port = LoopbackPorts.free();

  @AfterEach
  void noProcessLeftBehind() {
    assertEquals(List.of(), UploadSvc.pgrep("-addr 127.0.0.1:" + port));
  }

  @Test
  void seesTheDescriptorsRssAndThreadsOfTheLiveService() {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      long descriptors = OpenDescriptors.count(service.pid());
      ProcStatus status = ProcStatus.read(service.pid());
      // stdin, stdout, stderr, the listener and the runtime's epoll: a Go server never has fewer
      assertTrue(descriptors >= 5, "descriptors: " + descriptors);
      assertTrue(status.rssBytes() > 1 << 20, "RSS: " + status.rssBytes());
      assertTrue(status.threads() >= 2, "threads: " + status.threads());
    }
  }

  @Test
  void theLeakyHandlerLeavesOneTempFilePerUpload() throws Exception {
    assertEquals(new TempDirUsage(UPLOADS, UPLOADS * BODY.length()), tempGrowthAfterUploads("-keep-temp-files"));
  }

  @Test
  void theFixedHandlerLeavesNone() throws Exception {
    assertEquals(new TempDirUsage(0, 0), tempGrowthAfterUploads());
  }

  @Test
  void aServiceThatIsGoneCannotBeRead() throws Exception {
    long pid;
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port))) {
      pid = service.pid();
      UploadSvc.kill9(pid);
      assertTrue(UploadSvc.awaitDeath(service, Duration.ofSeconds(10)), "still alive after kill -9");
    }
    ProcfsUnavailable e = assertThrows(ProcfsUnavailable.class, () -> OpenDescriptors.count(pid));
    assertEquals("process " + pid + " is gone (/proc/" + pid + "/fd does not exist)", e.getMessage());
  }

  private TempDirUsage tempGrowthAfterUploads(String... flags) throws Exception {
    try (LaunchedService service = LaunchedService.start(UploadSvc.spec(runDir, port, flags))) {
      Path tempDir = service.tempDir().orElseThrow();
      TempDirUsage before = TempDirUsage.of(tempDir);
      for (int i = 0; i < UPLOADS; i++) {
        assertEquals(200, UploadSvc.upload(port, BODY));
      }
      TempDirUsage after = TempDirUsage.of(tempDir);
      return new TempDirUsage(after.files() - before.files(), after.bytes() - before.bytes());
    }
  }
}
