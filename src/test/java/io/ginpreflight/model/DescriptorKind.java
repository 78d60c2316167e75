package io.ginpreflight.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an open descriptor is, as /proc/PID/fd's link and /proc/PID/net tell; named as people count them. */
public enum DescriptorKind {
  TCP_SOCKET("tcp", "TCP socket", "TCP sockets"),
  UNIX_SOCKET("unix", "Unix socket", "Unix sockets"),
  /** A socket in none of the tables read (UDP, netlink): its inode alone is known. */
  OTHER_SOCKET("socket", "other socket", "other sockets"),
  FILE("file", "file", "files"),
  PIPE("pipe", "pipe", "pipes"),
  EVENTFD("eventfd", "eventfd", "eventfds"),
  EPOLL("eventpoll", "epoll descriptor", "epoll descriptors"),
  OTHER("other", "other descriptor", "other descriptors");

  private final String jsonName;
  private final String one;
  private final String many;

  DescriptorKind(String jsonName, String one, String many) {
    this.jsonName = jsonName;
    this.one = one;
    this.many = many;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** {@code TCP socket} or {@code TCP sockets}. */
  public String counted(long count) {
    return Math.abs(count) == 1 ? one : many;
  }
}
