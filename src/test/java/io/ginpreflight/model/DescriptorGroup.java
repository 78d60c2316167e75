package io.ginpreflight.model;

/**
 * Open descriptors of one kind and one peer that grew during a phase: TCP sockets by the address they
 * connect to (outbound) or were accepted on (inbound) and their state, files by path (a deleted file
 * kept open says so), pipes and eventfds by kind alone.
 *
 * @param peer {@code to 127.0.0.1:40123}, {@code accepted on 127.0.0.1:8080}, a path; empty for pipes
 * @param detail {@code outbound, ESTABLISHED}; empty when nothing more is known
 */
public record DescriptorGroup(DescriptorKind kind, String peer, String detail, long before, long after) {

  public DescriptorGroup {
    peer = peer == null ? "" : peer;
    detail = detail == null ? "" : detail;
  }

  public long growth() {
    return after - before;
  }

  /** {@code +600 TCP sockets to 127.0.0.1:40123 (outbound, ESTABLISHED)}. */
  public String sentence() {
    long growth = growth();
    return (growth >= 0 ? "+" : "") + growth + " " + kind.counted(growth) + (peer.isEmpty() ? "" : " " + peer)
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
