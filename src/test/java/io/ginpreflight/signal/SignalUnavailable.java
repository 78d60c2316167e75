package io.ginpreflight.signal;

/** A signal could not be read: the message says which URL and what went wrong, in one clause. */
public final class SignalUnavailable extends Exception {

  public SignalUnavailable(String message) {
    super(message);
  }
}
