package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.SiteGrowth;
import io.ginpreflight.model.Unit;
import org.junit.jupiter.api.Test;

class TopGrowthTest {

  @Test
  void heapGrowthReadsInBinaryUnits() {
    // GIVEN a site that grew 47.9 MiB
    SiteGrowth site = new SiteGrowth("main.saveUpload", "upload.go:41", 1024, 1024 + 50_226_790, Unit.BYTES);

    // WHEN it is described
    // THEN it reads as in the style guide's verdict line
    assertEquals("top growth: main.saveUpload (upload.go:41) 47.9 MiB", TopGrowth.clause(site));
  }

  @Test
  void goroutineGrowthIsSignedAndCounted() {
    // GIVEN sites that grew by many goroutines and by one
    SiteGrowth many = new SiteGrowth("main.leakyNotifyDeliver", "leak_blocked_goroutine.go:60", 50, 2050, Unit.COUNT);
    SiteGrowth one = new SiteGrowth("main.watch", "watch.go:12", 0, 1, Unit.COUNT);

    // WHEN they are described
    // THEN the count carries its sign and its noun, singular for one
    assertEquals("top growth: main.leakyNotifyDeliver (leak_blocked_goroutine.go:60) +2000 goroutines", TopGrowth.clause(many));
    assertEquals("main.watch (watch.go:12) +1 goroutine", TopGrowth.describe(one));
  }
}
