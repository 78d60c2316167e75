package io.ginpreflight.model;

/** Whose code a heap site is in: where a fix would go. */
public enum SiteOrigin {
  /** A package of the service's main module (or package main). */
  OWN_CODE,
  /** A dependency module, named with its version. */
  LIBRARY,
  /** Go's standard library (no dot in the first path element), versioned by the Go release. */
  STANDARD_LIBRARY,
  /** Only runtime frames in the stack (pprof hides them): what the runtime allocates itself, such as goroutines. */
  RUNTIME
}
