package io.ginpreflight.signal;

import java.util.Locale;

/**
 * The proto heap profile ({@code /debug/pprof/heap} without debug) is gzipped protobuf. We do not
 * read it; we save it for {@code go tool pprof -base before.pb.gz after.pb.gz}, so it only has to
 * be checked to be what pprof can open and not, say, an HTML error page.
 */
public final class GzipProfile {

  private static final int MAGIC_0 = 0x1f;
  private static final int MAGIC_1 = 0x8b;

  private GzipProfile() {}

  /** Returns the bytes unchanged if they start with the gzip magic number 1f 8b. */
  public static byte[] requireGzip(byte[] body, String what) throws SignalUnavailable {
    if (body.length < 2) {
      throw new SignalUnavailable(what + " is " + body.length + " bytes long, too short for a gzipped profile");
    }
    int first = body[0] & 0xff;
    int second = body[1] & 0xff;
    if (first != MAGIC_0 || second != MAGIC_1) {
      throw new SignalUnavailable(String.format(Locale.ROOT,
          "%s is not gzip: it starts with %02x %02x, not 1f 8b (is that the profile, or an error page?)",
          what, first, second));
    }
    return body;
  }
}
