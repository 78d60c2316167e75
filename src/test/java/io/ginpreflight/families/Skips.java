package io.ginpreflight.families;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says out loud which family or endpoint is not run and why: nothing is skipped silently. */
final class Skips {

  private static final Logger LOG = LoggerFactory.getLogger(Skips.class);

  private final List<String> lines = new ArrayList<>();

  void family(String family, String reason) {
    say("family \"" + family + "\" skipped: " + reason);
  }

  void endpoint(String family, String what, String reason) {
    say("family \"" + family + "\": " + what + " skipped: " + reason);
  }

  private void say(String line) {
    lines.add(line);
    LOG.info(line);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
