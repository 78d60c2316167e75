package io.ginpreflight.model;

/** The names of signals as they appear in probe records and in memory.json. */
public final class Signals {

  public static final String POST_GC_HEAP_BYTES = "postGcHeapBytes";
  public static final String HEAP_OBJECTS = "heapObjects";
  public static final String GOROUTINES = "goroutines";
  public static final String THREADS = "threads";
  public static final String RSS_BYTES = "rssBytes";
  public static final String OPEN_FDS = "openFds";
  public static final String TEMP_FILES = "tempFiles";
  public static final String TEMP_BYTES = "tempBytes";

  private Signals() {}
}
