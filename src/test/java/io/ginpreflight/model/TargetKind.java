package io.ginpreflight.model;

/** How a run reached its target: which of the four ways of docs/targeting-your-service.md. */
public enum TargetKind {
  /** gin-lab, built and started by the suite (no preflight.target.url). */
  EMBEDDED_LAB("embedded"),
  /** The user's service, started by the suite from preflight.target.command. */
  COMMAND("started command"),
  /** A running process on this machine, attached by preflight.target.pid. */
  ATTACHED("attached process"),
  /** A service reached over HTTP only. */
  REMOTE("remote service");

  private final String label;

  TargetKind(String label) {
    this.label = label;
  }

  /** How pages name the kind, e.g. "started command". */
  public String label() {
    return label;
  }
}
