package io.ginpreflight.model;

/**
 * Temp files that grew during a phase and share a name pattern (digits and random suffixes made
 * {@code *}) and a directory under the temp dir.
 *
 * @param pattern {@code multipart-*}, {@code gin-lab-upload-*}
 * @param directory where they are, relative to the temp dir's parent ({@code service-tmp}, {@code lab-tmp/b-*})
 * @param smallestBytes the smallest grown file; with {@code largestBytes} the spread of their sizes
 * @param grownBytes the bytes the group grew by
 * @param knownCreator what writes files of this pattern, when it is a well-known one; empty otherwise
 * @param requestsInPhase the request names that ran in the phase, one of which left them
 */
public record TempFileGroup(String pattern, String directory, long before, long after, long smallestBytes,
    long largestBytes, long grownBytes, String knownCreator, java.util.List<String> requestsInPhase) {

  public TempFileGroup {
    knownCreator = knownCreator == null ? "" : knownCreator;
    requestsInPhase = requestsInPhase == null ? java.util.List.of() : java.util.List.copyOf(requestsInPhase);
  }

  public long growth() {
    return after - before;
  }

  /** {@code +240 files multipart-* of 33.0 MiB each (7.7 GiB) in service-tmp}, and who writes them. */
  public String sentence() {
    long growth = growth();
    String sizes = smallestBytes == largestBytes ? Bytes.format(largestBytes) + " each"
        : Bytes.format(smallestBytes) + " to " + Bytes.format(largestBytes);
    return (growth >= 0 ? "+" : "") + growth + (Math.abs(growth) == 1 ? " file " : " files ") + pattern + " of "
        + sizes + " (" + Bytes.format(grownBytes) + ") in " + directory
        + (knownCreator.isEmpty() ? "" : " (" + knownCreator + ")")
        + (requestsInPhase.isEmpty() ? "" : "; requests in the phase: " + String.join(", ", requestsInPhase));
  }
}
