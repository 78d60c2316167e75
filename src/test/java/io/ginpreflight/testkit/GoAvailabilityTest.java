package io.ginpreflight.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GoAvailabilityTest {

  private static final Optional<Path> GO = Optional.of(Path.of("/usr/local/go/bin/go"));

  @Test
  void goSkipSkipsEvenWhenGoIsInstalled() {
    assertEquals(Optional.of("needs Go to build gin-lab, and -Dgo.skip=true is set: drop -Dgo.skip "
        + "(Go 1.26+ installed) to run it"), GoAvailability.reason("to build gin-lab", true, GO));
  }

  @Test
  void noGoToolchainSkipsAndSaysWhereItLooked() {
    assertEquals(Optional.of("needs Go to build testdata/uploadsvc, and no 'go' is on PATH or in "
        + "/usr/local/go/bin: install Go 1.26+ to run it"),
        GoAvailability.reason("to build testdata/uploadsvc", false, Optional.empty()));
  }

  @Test
  void goFoundAndNotSkippedRuns() {
    assertEquals(Optional.empty(), GoAvailability.reason("to build gin-lab", false, GO));
  }

  @Test
  void oneLinePerClassNamesTheSkippedMethodsIfNotAllOfThem() {
    assertEquals("[skipped] FaultsIT: needs Go to build gin-lab", GoAvailability.line("FaultsIT", List.of(),
        "needs Go to build gin-lab"));
    assertEquals("[skipped] TargetsTest (a, b): needs Go", GoAvailability.line("TargetsTest", List.of("a", "b"),
        "needs Go"));
  }
}
