package io.ginpreflight.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ginpreflight.model.DescriptorGroup;
import io.ginpreflight.testkit.ProcfsFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fixtures from fixtures/capture-sites.sh: a gin-lab whose upstream-body leak left 40 upstream connections
 * open (gin-lab is its own upstream, so each is an outbound and an accepted socket) and whose
 * file-not-closed leak left 40 spool files open; /proc/PID/fd's links and the process's net tables.
 */
class DescriptorListingTest {

  private static String listing(String when) {
    return ProcfsFixtures.descriptorListing(when);
  }

  @Test
  void theUpstreamConnectionsAndSpoolFilesLeftOpenAreNamedByPeerAndPattern() {
    // WHEN the descriptors before and after the leaks are classified and diffed
    List<DescriptorGroup> grown = DescriptorGroups.grown(listing("before"), listing("after"), 5);

    // THEN the largest groups are the 40 connections to the upstream, each side, and the 40 spool files
    // (the blob leak removes each spool file but keeps it open), outbound first
    assertEquals(List.of("+40 TCP sockets to 127.0.0.1:34165 (outbound, ESTABLISHED)",
        "+40 TCP sockets accepted on 127.0.0.1:34165 (inbound, ESTABLISHED)",
        "+40 files /tmp/tmp.qFv4lB9ZEz/tmp/gin-lab-blob-* (deleted, still open)"),
        grown.stream().map(DescriptorGroup::sentence).toList());
  }

  @Test
  void aProcessAtRestHasItsListenersPipesAndPollers() {
    // WHEN the "before" descriptors are classified
    String before = listing("before");
    // THEN gin-lab's API, pprof and upstream listeners, its epoll, eventfd and pipe are each named
    assertEquals(3, before.lines().filter(l -> l.startsWith("tcp\tlistening on 127.0.0.1:")).count(), before);
    assertEquals(1, before.lines().filter(l -> l.equals("eventpoll\t\t")).count(), before);
    assertEquals(1, before.lines().filter(l -> l.equals("eventfd\t\t")).count(), before);
    assertEquals(1, before.lines().filter(l -> l.equals("pipe\t\t")).count(), before);
  }

  @Test
  void kernelHexAddressesReadAsPeopleWriteThem() {
    // GIVEN addresses as /proc/net/tcp and tcp6 print them (captured lines of the fixtures' shape)
    assertEquals("127.0.0.1", TcpTable.address("0100007F"));
    assertEquals("127.0.0.1", TcpTable.address("0000000000000000FFFF00000100007F"));
    assertEquals("[0:0:0:0:0:0:0:1]", TcpTable.address("00000000000000000000000001000000"));
  }
}
