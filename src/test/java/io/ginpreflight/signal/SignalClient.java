package io.ginpreflight.signal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Reads the target's signal endpoints. Blocking by design: it is only ever called from the memory
 * watch's own thread, never from Gatling's event loops.
 */
public final class SignalClient {

  private final HttpClient http;
  private final Duration timeout;

  public SignalClient(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public String get(String url) throws SignalUnavailable {
    return new String(getBytes(url), java.nio.charset.StandardCharsets.UTF_8);
  }

  public byte[] getBytes(String url) throws SignalUnavailable {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new SignalUnavailable(url + " did not answer within " + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      throw new SignalUnavailable(url + " refused the connection (is the target running?)");
    } catch (IOException e) {
      throw new SignalUnavailable(url + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignalUnavailable(url + " was interrupted");
    }
    if (response.statusCode() != 200) {
      throw new SignalUnavailable(url + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }
}
