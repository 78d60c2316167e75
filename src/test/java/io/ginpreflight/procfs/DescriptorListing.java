package io.ginpreflight.procfs;

import io.ginpreflight.model.DescriptorKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each open descriptor of a local process is: {@code /proc/PID/fd}'s links ({@code socket:[2404563]},
 * {@code pipe:[..]}, {@code anon_inode:[eventfd]}, a path) joined with the process's TCP tables by inode.
 * A TCP socket whose local port is one the process listens on was accepted (inbound); any other one it
 * opened (outbound, to an upstream or a database). File names are grouped by {@link NamePattern}.
 */
public final class DescriptorListing {

  /** One descriptor as it is grouped: kind, peer and detail, as {@code DescriptorGroup} names them. */
  public record Descriptor(DescriptorKind kind, String peer, String detail) {

    /** One line of the listing a probe saves: kind, peer and detail separated by tabs. */
    public String line() {
      return kind.jsonName() + "\t" + peer + "\t" + detail;
    }
  }

  private static final Pattern SOCKET = Pattern.compile("^socket:\\[(\\d+)\\]$");
  private static final String DELETED = " (deleted)";

  private DescriptorListing() {}

  /** Reads and classifies the descriptors of a live process. */
  public static List<Descriptor> of(long pid) {
    Path dir = Procfs.processDir(pid);
    Map<Integer, String> links = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve("fd"))) {
      for (Path entry : entries) {
        try {
          links.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
        } catch (NoSuchFileException e) {
          // Closed while listed: it was not left open.
        }
      }
      return classify(links, read(dir.resolve("net/tcp")) + "\n" + read(dir.resolve("net/tcp6")),
          read(dir.resolve("net/unix")));
    } catch (IOException e) {
      throw new ProcfsUnavailable(dir.resolve("fd") + " cannot be listed: " + e.getMessage());
    }
  }

  /**
   * @param links descriptor number to its link target
   * @param tcpTables /proc/PID/net/tcp and tcp6, one after the other
   * @param unixTable /proc/PID/net/unix
   */
  public static List<Descriptor> classify(Map<Integer, String> links, String tcpTables, String unixTable) {
    Map<Long, TcpTable.TcpSocket> tcp = TcpTable.parse(tcpTables);
    Set<Long> unix = unixInodes(unixTable);
    Set<Long> own = new HashSet<>();
    links.values().forEach(link -> socketInode(link).ifPresent(own::add));
    Set<Integer> listening = new HashSet<>();
    own.stream().map(tcp::get).filter(s -> s != null && s.state().equals("LISTEN"))
        .forEach(s -> listening.add(s.localPort()));
    List<Descriptor> descriptors = new ArrayList<>();
    for (String link : links.values()) {
      descriptors.add(classify(link, tcp, unix, listening));
    }
    return descriptors;
  }

  private static Descriptor classify(String link, Map<Long, TcpTable.TcpSocket> tcp, Set<Long> unix,
      Set<Integer> listening) {
    java.util.Optional<Long> inode = socketInode(link);
    if (inode.isPresent()) {
      TcpTable.TcpSocket socket = tcp.get(inode.get());
      if (socket != null) {
        if (socket.state().equals("LISTEN")) {
          return new Descriptor(DescriptorKind.TCP_SOCKET, "listening on " + socket.local(), "LISTEN");
        }
        return listening.contains(socket.localPort())
            ? new Descriptor(DescriptorKind.TCP_SOCKET, "accepted on " + socket.local(), "inbound, " + socket.state())
            : new Descriptor(DescriptorKind.TCP_SOCKET, "to " + socket.remote(), "outbound, " + socket.state());
      }
      return unix.contains(inode.get()) ? new Descriptor(DescriptorKind.UNIX_SOCKET, "", "")
          : new Descriptor(DescriptorKind.OTHER_SOCKET, "", "");
    }
    if (link.startsWith("pipe:")) {
      return new Descriptor(DescriptorKind.PIPE, "", "");
    }
    if (link.equals("anon_inode:[eventfd]")) {
      return new Descriptor(DescriptorKind.EVENTFD, "", "");
    }
    if (link.equals("anon_inode:[eventpoll]")) {
      return new Descriptor(DescriptorKind.EPOLL, "", "");
    }
    if (link.startsWith("/")) {
      boolean deleted = link.endsWith(DELETED);
      String path = deleted ? link.substring(0, link.length() - DELETED.length()) : link;
      int slash = path.lastIndexOf('/');
      return new Descriptor(DescriptorKind.FILE, path.substring(0, slash + 1) + NamePattern.of(path.substring(slash + 1)),
          deleted ? "deleted, still open" : "");
    }
    return new Descriptor(DescriptorKind.OTHER, link, "");
  }

  private static java.util.Optional<Long> socketInode(String link) {
    Matcher socket = SOCKET.matcher(link);
    return socket.matches() ? java.util.Optional.of(Long.parseLong(socket.group(1))) : java.util.Optional.empty();
  }

  /** /proc/PID/net/unix: "Num RefCount Protocol Flags Type St Inode Path"; the inode is the 7th field. */
  private static Set<Long> unixInodes(String table) {
    Set<Long> inodes = new HashSet<>();
    for (String line : table.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 7 && fields[0].endsWith(":") && fields[6].matches("\\d+")) {
        inodes.add(Long.parseLong(fields[6]));
      }
    }
    return inodes;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";  // No IPv6 (or no Unix sockets) in this namespace: its sockets count as other sockets.
    }
  }
}
