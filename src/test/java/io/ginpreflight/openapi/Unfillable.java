package io.ginpreflight.openapi;

/** An operation, parameter or schema the generator cannot give a value: its operation is skipped with why. */
final class Unfillable extends RuntimeException {

  Unfillable(String why) {
    super(why, null, false, false);
  }
}
