package io.ginpreflight.model;

/** One frame of an allocation stack as the report shows it; {@code own} when it is the service's own code. */
public record HeapFrame(String function, String location, boolean own) {}
