package io.ginpreflight.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.KnownLeak;
import io.ginpreflight.model.KnownLeakNote;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownLeaksTest {

  @Test
  void theCuratedListReadsAndEveryEntryHasAPublicSource() {
    List<KnownLeak> all = KnownLeaks.curated().all();

    assertFalse(all.isEmpty());
    assertTrue(all.stream().allMatch(l -> l.source().startsWith("https://github.com/")), all.toString());
    assertTrue(all.stream().allMatch(l -> !l.mechanism().isBlank()), all.toString());
  }

  @Test
  void onlyReleasesInTheAffectedRangeAreFlagged() {
    KnownLeak leak = new KnownLeak("example.com/ws", "v1.8.3", "v1.8.8", "a goroutine per closed connection",
        "https://github.com/example/ws/issues/1");
    KnownLeaks list = new KnownLeaks(List.of(leak));
    BuildInfo build = new BuildInfo("go1.26.8", new GoModule("example.com/svc", "", ""), List.of(
        new GoModule("example.com/ws", "v1.8.5", ""), new GoModule("example.com/other", "v1.8.5", "")), "x", "");

    List<KnownLeakNote> notes = list.flag(build);

    assertEquals(List.of(new KnownLeakNote("example.com/ws", "v1.8.5", "v1.8.3 to before v1.8.8", "v1.8.8",
        "a goroutine per closed connection", "https://github.com/example/ws/issues/1")), notes);
    assertFalse(KnownLeaks.affects(leak, "v1.8.2"));
    assertTrue(KnownLeaks.affects(leak, "v1.8.3"));
    assertTrue(KnownLeaks.affects(leak, "v1.8.8-rc.1"));
    assertFalse(KnownLeaks.affects(leak, "v1.8.8"));
    assertFalse(KnownLeaks.affects(leak, "v1.10.0"));
    assertFalse(KnownLeaks.affects(leak, "(devel)"));
  }
}
