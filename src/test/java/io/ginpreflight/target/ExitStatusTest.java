package io.ginpreflight.target;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

  @Test
  void plainExitCodesAreExitCodes() {
    assertEquals("exited with code 0", ExitStatus.describe(0));
    assertEquals("exited with code 2", ExitStatus.describe(2));
    assertEquals("exited with code 128", ExitStatus.describe(128));
    assertEquals("exited with code 255", ExitStatus.describe(255));
  }

  @Test
  void javaReportsDeathBySignalAs128PlusTheSignal() {
    assertEquals("was killed by signal 9 (SIGKILL)", ExitStatus.describe(137));
    assertEquals("was killed by signal 15 (SIGTERM)", ExitStatus.describe(143));
    assertEquals("was killed by signal 6 (SIGABRT)", ExitStatus.describe(134));
    assertEquals("was killed by signal 34", ExitStatus.describe(162));
  }
}
