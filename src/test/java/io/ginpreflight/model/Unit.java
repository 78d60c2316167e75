package io.ginpreflight.model;

/** How a checked quantity is written in messages. */
public enum Unit {
  BYTES {
    @Override
    public String format(long value) {
      return Bytes.format(value);
    }
  },
  COUNT {
    @Override
    public String format(long value) {
      return Long.toString(value);
    }
  };

  public abstract String format(long value);
}
