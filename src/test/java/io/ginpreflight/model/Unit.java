package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a checked quantity is written in messages; its JSON name is the {@code unit} of memory.json. */
public enum Unit {
  BYTES("bytes") {
    @Override
    public String format(long value) {
      return Bytes.format(value);
    }
  },
  COUNT("count") {
    @Override
    public String format(long value) {
      return Long.toString(value);
    }
  };

  private final String jsonName;

  Unit(String jsonName) {
    this.jsonName = jsonName;
  }

  public abstract String format(long value);

  /** "bytes" or "count", as memory.json and the Pushgateway's {@code unit} label write it. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The JSON name: messages name it as the files do. */
  @Override
  public String toString() {
    return jsonName;
  }
}
