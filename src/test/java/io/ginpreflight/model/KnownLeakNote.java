package io.ginpreflight.model;

/**
 * One of the target's modules whose version is in a curated known-leak range: advice shown beside the
 * verdict, never a verdict by itself.
 */
public record KnownLeakNote(String module, String version, String affected, String fixed, String mechanism,
    String source) {

  public static KnownLeakNote of(GoModule module, KnownLeak leak) {
    return new KnownLeakNote(module.path(), module.version(), leak.affected(), leak.fixed(), leak.mechanism(),
        leak.source());
  }

  /** The sentence a KO site inside the module carries. */
  public String sentence() {
    return module + " " + version + " is in a release range with a known, publicly fixed leak (" + mechanism
        + "; fixed in " + fixed + ", " + source + ")";
  }
}
