package io.ginpreflight.families;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The upload client Gatling cannot be: one that closes the connection halfway through a request body.
 * (The WebSocket that vanishes without a close frame is {@link RawWebSocket}.) Plain http:// only; every
 * call is bounded by its socket timeouts.
 */
final class RawSocketClient {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int READ_TIMEOUT_MS = 5_000;

  private final String host;
  private final int port;

  RawSocketClient(String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("The aborted-upload client speaks plain "
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
}
