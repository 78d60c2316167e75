package io.ginpreflight.families;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A blocking WebSocket client over a plain socket, for what Gatling cannot do: drop the TCP connection
 * with no close frame (the server's read fails with EOF, no 1000/1001 code), and speak on a connection
 * the server has closed. Plain ws:// (http:// base URLs) only; every read is bounded by a timeout.
 * One instance is one connection, used by one raw-client thread.
 */
final class RawWebSocket implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int HANDSHAKE_TIMEOUT_MS = 5_000;
  /** Server frames larger than this are refused rather than buffered. */
  private static final int MAX_FRAME = 1 << 20;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TEXT = 0x1;
  private static final int BINARY = 0x2;
  private static final int CLOSE = 0x8;
  private static final int PING = 0x9;

  /** A close frame from the server, with its code (1005 when it carried none). */
  static final class ClosedByServer extends IOException {
    final int code;

    ClosedByServer(int code, String reason) {
      super("the server closed the WebSocket with " + code + (reason.isEmpty() ? "" : " \"" + reason + "\""));
      this.code = code;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  static RawWebSocket connect(String baseUrl, String path) throws IOException {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("The raw WebSocket client speaks plain ws:// only, got " + baseUrl);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
      RawWebSocket ws = new RawWebSocket(socket);
      ws.handshake(uri.getHost() + ":" + port, path);
      return ws;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void handshake(String host, String path) throws IOException {
    byte[] key = new byte[16];
    RANDOM.nextBytes(key);
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: gin-preflight\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String response = readHead();
    if (!response.startsWith("HTTP/1.1 101")) {
      throw new IOException("WebSocket upgrade refused: " + response.lines().findFirst().orElse(response));
    }
  }

  void sendText(String message) throws IOException {
    send(TEXT, message.getBytes(StandardCharsets.UTF_8));
  }

  void sendBinary(byte[] message) throws IOException {
    send(BINARY, message);
  }

  /** The next text message within the time; pings are answered, binary messages skipped. */
  String nextText(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Frame frame = nextFrame(deadline, within);
      if (frame.opcode == TEXT) {
        return new String(frame.payload, StandardCharsets.UTF_8);
      }
    }
  }

  /** Reads whatever the server sends for the duration; returns how many data messages came. */
  int readFor(Duration duration) throws IOException {
    long deadline = System.nanoTime() + duration.toNanos();
    int messages = 0;
    try {
      while (true) {
        Frame frame = nextFrame(deadline, duration);
        if (frame.opcode == TEXT || frame.opcode == BINARY) {
          messages++;
        }
      }
    } catch (SocketTimeoutException quietUntilTheEnd) {
      return messages;
    }
  }

  /** Reads until the server's close frame, within the time, and returns its code. */
  int awaitClose(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    try {
      while (true) {
        nextFrame(deadline, within);
      }
    } catch (ClosedByServer closed) {
      return closed.code;
    }
  }

  /** Drops the TCP connection: no close frame is sent. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private record Frame(int opcode, byte[] payload) {}

  private Frame nextFrame(long deadline, Duration window) throws IOException {
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("no WebSocket message within " + window.toMillis() + " ms");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      byte[] header = in.readNBytes(2);
      if (header.length < 2) {
        throw new IOException("the server dropped the connection without a close frame");
      }
      int opcode = header[0] & 0x0f;
      long length = header[1] & 0x7f;
      if (length == 126) {
        byte[] ext = in.readNBytes(2);
        length = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
      } else if (length == 127) {
        length = 0;
        for (byte b : in.readNBytes(8)) {
          length = (length << 8) | (b & 0xff);
        }
      }
      if (length > MAX_FRAME) {
        throw new IOException("WebSocket frame of " + length + " bytes: refusing to read it");
      }
      byte[] payload = in.readNBytes((int) length); // server frames are never masked
      if (opcode == CLOSE) {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        throw new ClosedByServer(code, reason);
      }
      if (opcode == PING) {
        send(0xA, payload);
        continue;
      }
      return new Frame(opcode, payload);
    }
  }

  private void send(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode); // FIN
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length <= 0xffff) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) payload.length >>> shift) & 0xff));
      }
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4 && head.size() < 16_384) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response head ended");
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }
}
