package io.ginpreflight.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatusTest {

  /** /proc/<pid>/status of testdata/uploadsvc after ten uploads; captured by capture-status.sh beside it. */
  private static final Path FIXTURE = Path.of("src/test/resources/testdata/procfs/status-uploadsvc.txt");

  @Test
  void readsRssThreadsAndStateOfARealGoProcess() throws Exception {
    // GIVEN the status file of a real, loaded Go process
    String text = Files.readString(FIXTURE);
    // WHEN it is parsed
    ProcStatus status = ProcStatus.parse(text, FIXTURE);
    // THEN VmRSS is in bytes (the file says kB, meaning KiB), and Threads counts the runtime's Ms
    assertEquals(new ProcStatus('S', 10796L * 1024, 7), status);
    assertFalse(status.isZombie());
  }

  @Test
  void aStatusWithoutThreadsIsRefusedNamingTheFile() throws Exception {
    String withoutThreads = Files.readString(FIXTURE).replaceAll("(?m)^Threads:.*\n", "");
    ProcfsUnavailable e = assertThrows(ProcfsUnavailable.class, () -> ProcStatus.parse(withoutThreads, FIXTURE));
    assertEquals(FIXTURE + " has no Threads line", e.getMessage());
  }

  @Test
  void aProcessThatIsGoneIsSaidToBeGone() {
    ProcfsUnavailable e = assertThrows(ProcfsUnavailable.class, () -> ProcStatus.read(4_000_000));
    assertEquals("process 4000000 is gone (/proc/4000000/status does not exist)", e.getMessage());
  }
}
