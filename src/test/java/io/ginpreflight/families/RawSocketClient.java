package io.ginpreflight.families;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The two clients Gatling cannot be: one that closes the connection halfway through a request body, and
 * a WebSocket client that echoes once and then closes its TCP connection without sending a close frame
 * (what a phone that loses its network does, seen from the server: the read fails with EOF, no 1000/1001
 * close code). Plain http:// only; every call is bounded by its socket timeouts.
 */
final class RawSocketClient {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int READ_TIMEOUT_MS = 5_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String host;
  private final int port;

  RawSocketClient(String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("The raw clients (aborted uploads, vanishing WebSockets) speak plain "
          + "http:// only, got " + baseUrl);
    }
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : 80;
  }

  /**
   * Sends the request head announcing {@code contentLength} bytes, then only {@code sent} of them, then
   * closes the connection: an upload cut off mid-body.
   */
  void abortBody(String method, String path, String contentType, long contentLength, byte[] sent)
      throws IOException {
    try (Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(method, path, "Content-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n"));
      out.write(sent);
      out.flush();
    }
  }

  /** Connects, sends one text message, reads the reply, and drops the TCP connection with no close frame. */
  void webSocketVanish(String path, String message, String replyContains) throws IOException {
    try (Socket socket = open()) {
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      OutputStream out = socket.getOutputStream();
      out.write(head("GET", path, "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = readHead(in);
      if (!response.startsWith("HTTP/1.1 101")) {
        throw new IOException("WebSocket upgrade refused: " + response.lines().findFirst().orElse(response));
      }
      out.write(maskedTextFrame(message.getBytes(StandardCharsets.UTF_8)));
      out.flush();
      String reply = readTextFrame(in);
      if (!reply.contains(replyContains)) {
        throw new IOException("WebSocket reply lacks '" + replyContains + "': " + reply);
      }
    } // close(): FIN, and no close frame was ever sent
  }

  private Socket open() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  private byte[] head(String method, String path, String headers) {
    return (method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: gin-preflight\r\n"
        + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws IOException {
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

  private static byte[] maskedTextFrame(byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81); // FIN + text
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /** The first text frame from the server, skipping control frames such as pings. */
  private static String readTextFrame(InputStream in) throws IOException {
    for (int frames = 0; frames < 8; frames++) {
      byte[] header = in.readNBytes(2);
      if (header.length < 2) {
        throw new IOException("connection closed before the WebSocket reply");
      }
      int opcode = header[0] & 0x0f;
      long length = header[1] & 0x7f;
      if (length == 126) {
        byte[] ext = in.readNBytes(2);
        length = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
      } else if (length == 127) {
        byte[] ext = in.readNBytes(8);
        length = 0;
        for (byte b : ext) {
          length = (length << 8) | (b & 0xff);
        }
      }
      if (length > 1 << 20) {
        throw new IOException("WebSocket frame of " + length + " bytes: refusing to read it");
      }
      byte[] payload = in.readNBytes((int) length); // server frames are never masked
      if (opcode == 0x1) {
        return new String(payload, StandardCharsets.UTF_8);
      }
      if (opcode == 0x8) {
        throw new IOException("server closed the WebSocket instead of replying");
      }
    }
    throw new IOException("no text frame among the first 8 frames");
  }
}
