package io.ginpreflight.testkit;

/**
 * Lets a unit test build Gatling chains (requests, SSE and WebSocket steps) without running a simulation: Gatling's
 * DSL reads its configuration from a holder only Gatling itself fills, so a test fills it once with Gatling's own
 * defaults, as Gatling's tests do ({@code GatlingConfiguration.loadForTest}). Nothing is sent: the chains are
 * only built and read.
 */
public final class GatlingDsl {

  private GatlingDsl() {}

  /** Idempotent: the defaults of the Gatling version in the pom. */
  public static synchronized void configureForTests() {
    try {
      io.gatling.core.Predef$.MODULE$.configuration();
    } catch (IllegalStateException notYet) {
      io.gatling.core.Predef$.MODULE$._configuration_$eq(io.gatling.core.config.GatlingConfiguration$.MODULE$
          .loadForTest(scala.collection.immutable.Seq$.MODULE$.<scala.Tuple2<String, Object>>empty()));
    }
  }
}
