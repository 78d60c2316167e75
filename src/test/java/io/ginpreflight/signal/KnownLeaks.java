package io.ginpreflight.signal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import io.ginpreflight.model.KnownLeak;
import io.ginpreflight.model.KnownLeakNote;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The curated list of known, publicly fixed leaks in Go modules (src/test/resources/known-leaks.conf, one
 * entry per leak with its public source), matched against the target's module versions.
 */
public final class KnownLeaks {

  static final String RESOURCE = "known-leaks.conf";
  private static final Pattern SEMVER = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)(-[0-9A-Za-z.-]+)?(\\+.*)?");

  private final List<KnownLeak> leaks;

  KnownLeaks(List<KnownLeak> leaks) {
    this.leaks = List.copyOf(leaks);
  }

  /** The list shipped with the project. */
  public static KnownLeaks curated() {
    Config file = ConfigFactory.parseResources(RESOURCE);
    if (!file.hasPath("known-leaks")) {
      throw new IllegalStateException(RESOURCE + " is missing from the test classpath, or has no known-leaks list");
    }
    List<KnownLeak> leaks = new ArrayList<>();
    for (Config entry : file.getConfigList("known-leaks")) {
      KnownLeak leak = new KnownLeak(entry.getString("module"),
          entry.hasPath("introduced") ? entry.getString("introduced") : "", entry.getString("fixed"),
          entry.getString("mechanism"), entry.getString("source"));
      for (String version : leak.introduced().isEmpty() ? List.of(leak.fixed()) : List.of(leak.introduced(), leak.fixed())) {
        if (!SEMVER.matcher(version).matches()) {
          throw new IllegalStateException(RESOURCE + ": " + leak.module() + " has version '" + version
              + "', not a semantic version like v1.2.3");
        }
      }
      leaks.add(leak);
    }
    return new KnownLeaks(leaks);
  }

  public List<KnownLeak> all() {
    return leaks;
  }

  /** The target's dependencies (and main module) whose version is in an affected range. */
  public List<KnownLeakNote> flag(BuildInfo build) {
    List<KnownLeakNote> notes = new ArrayList<>();
    for (GoModule module : build.dependencies()) {
      for (KnownLeak leak : leaks) {
        if (leak.module().equals(module.path()) && affects(leak, module.version())) {
          notes.add(KnownLeakNote.of(module, leak));
        }
      }
    }
    return notes;
  }

  static boolean affects(KnownLeak leak, String version) {
    if (!SEMVER.matcher(version).matches()) {
      return false;
    }
    return (leak.introduced().isEmpty() || compare(version, leak.introduced()) >= 0)
        && compare(version, leak.fixed()) < 0;
  }

  /** Semantic version order: numbers, then a pre-release (and a pseudo-version) before its release. */
  static int compare(String a, String b) {
    Matcher x = SEMVER.matcher(a);
    Matcher y = SEMVER.matcher(b);
    if (!x.matches() || !y.matches()) {
      throw new IllegalArgumentException("not semantic versions: " + a + ", " + b);
    }
    for (int i = 1; i <= 3; i++) {
      int c = Long.compare(Long.parseLong(x.group(i)), Long.parseLong(y.group(i)));
      if (c != 0) {
        return c;
      }
    }
    boolean xPre = x.group(4) != null;
    boolean yPre = y.group(4) != null;
    if (xPre != yPre) {
      return xPre ? -1 : 1;
    }
    return xPre ? x.group(4).compareTo(y.group(4)) : 0;
  }
}
