package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipProfileTest {

  @Test
  void protoHeapProfileIsGzip() throws Exception {
    // GIVEN the proto heap profile gin-lab served
    byte[] profile = Fixtures.bytes("heap-after.pb.gz");

    // WHEN it is checked
    byte[] checked = GzipProfile.requireGzip(profile, "heap-after.pb.gz");

    // THEN it passes unchanged, and really inflates
    assertArrayEquals(profile, checked);
    assertTrue(inflatedLength(checked) > 0);
  }

  @Test
  void textProfileIsNotGzip() {
    // GIVEN the debug=1 text where the proto profile was expected
    byte[] text = Fixtures.bytes("heap-debug1-after.txt");

    // WHEN it is checked
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GzipProfile.requireGzip(text, "heap profile"));

    // THEN its first bytes are shown ("he" of "heap profile:")
    assertEquals("heap profile is not gzip: it starts with 68 65, not 1f 8b (is that the profile, or an error page?)",
        problem.getMessage());
  }

  @Test
  void tooShortToTell() {
    SignalUnavailable problem = assertThrows(SignalUnavailable.class, () -> GzipProfile.requireGzip(new byte[1], "heap profile"));
    assertEquals("heap profile is 1 bytes long, too short for a gzipped profile", problem.getMessage());
  }

  private static int inflatedLength(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes().length;
    }
  }
}
