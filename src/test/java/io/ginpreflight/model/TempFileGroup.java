package io.ginpreflight.model;

/**
 * Temp files that grew during a phase and share a name pattern (digits and random suffixes made
 * {@code *}) and a directory under the temp dir.
 *
 * @param pattern the path under the temp dir with random parts as {@code *}: {@code multipart-*}, or a file of
 *     one directory per request, {@code gin-lab-batch-*}{@code /}{@code *}
 * @param directory the temp dir, as its folder is named ({@code service-tmp})
 * @param smallestBytes the smallest grown file; with {@code largestBytes} the spread of their sizes
 * @param grownBytes the bytes the group grew by
 * @param knownCreator what writes files of this pattern, when it is a well-known one; empty otherwise
 */
public record TempFileGroup(String pattern, String directory, long before, long after, long smallestBytes,
    long largestBytes, long grownBytes, String knownCreator) {

  public TempFileGroup {
    knownCreator = knownCreator == null ? "" : knownCreator;
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
        + (knownCreator.isEmpty() ? "" : " (" + knownCreator + ")");
  }
}
