package io.ginpreflight.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

public class BytesTest {

  @Test
  void formatsWithBinaryUnitsAndOneDecimal() {
    assertEquals("0 B", Bytes.format(0));
    assertEquals("1023 B", Bytes.format(1023));
    assertEquals("1.0 KiB", Bytes.format(1024));
    assertEquals("4.0 MiB", Bytes.format(4L << 20));
    assertEquals("11.2 MiB", Bytes.format(11_744_051));
    assertEquals("-1.5 GiB", Bytes.format(-(3L << 29)));
  }
}
