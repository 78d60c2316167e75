package io.ginpreflight.procfs;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code /proc/PID/net/tcp} and {@code tcp6}: one line per socket of the network namespace, addresses in
 * hex as the kernel stores them ({@code 0100007F:8575} is 127.0.0.1:34165), keyed here by the socket's inode,
 * which {@code /proc/PID/fd}'s {@code socket:[inode]} links name.
 */
final class TcpTable {

  record TcpSocket(String local, int localPort, String remote, String state) {}

  private static final String[] STATES = {"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
      "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"};

  private TcpTable() {}

  /** Every socket of the table by inode; a line that is not a socket (the header) is skipped. */
  static Map<Long, TcpSocket> parse(String table) {
    Map<Long, TcpSocket> sockets = new HashMap<>();
    for (String line : table.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 10 || !fields[0].endsWith(":") || !fields[1].contains(":")) {
        continue;
      }
      String[] local = fields[1].split(":");
      String[] remote = fields[2].split(":");
      int state = Integer.parseInt(fields[3], 16);
      int localPort = Integer.parseInt(local[1], 16);
      sockets.put(Long.parseLong(fields[9]), new TcpSocket(address(local[0]) + ":" + localPort, localPort,
          address(remote[0]) + ":" + Integer.parseInt(remote[1], 16),
          state < STATES.length ? STATES[state] : "state " + fields[3]));
    }
    return sockets;
  }

  /** 8 hex digits for IPv4, 32 for IPv6, each 32-bit word in the host's (little-endian) byte order. */
  static String address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    if (bytes.length == 16 && isV4Mapped(bytes)) {
      return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
    }
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    try {
      return "[" + java.net.InetAddress.getByAddress(bytes).getHostAddress() + "]";
    } catch (java.net.UnknownHostException e) {
      return "[" + hex + "]";
    }
  }

  private static boolean isV4Mapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }
}
