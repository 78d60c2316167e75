package io.ginpreflight.signal;

import io.ginpreflight.model.BuildInfo;
import io.ginpreflight.model.GoModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the build info a Go linker puts in an ELF executable, the same that {@code go version -m} and
 * {@code debug/buildinfo} read: the {@code .go.buildinfo} section starts with the 14-byte magic
 * {@code "\xff Go buildinf:"}, a pointer size and a flags byte; since Go 1.18 (flag 2, "version inline")
 * the Go version and the module listing follow the 32-byte header as two uvarint-length-prefixed strings.
 * Only the section headers and that one section are read, not the whole binary.
 */
public final class GoBuildInfo {

  private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEADER = 32;
  private static final int FLAG_VERSION_INLINE = 2;
  private static final String SECTION = ".go.buildinfo";
  /** The section holds two short strings; a listing of a few thousand modules stays far below this. */
  private static final long MAX_SECTION = 4L << 20;

  private GoBuildInfo() {}

  /** The build info of an executable, e.g. {@code /proc/<pid>/exe}; unknown, with why, when it has none. */
  public static BuildInfo read(Path executable) {
    try (FileChannel file = FileChannel.open(executable, StandardOpenOption.READ)) {
      return parse(section(file), executable.toString());
    } catch (IOException e) {
      return BuildInfo.unknown("cannot read " + executable + " (" + e.getMessage() + ")");
    } catch (SignalUnavailable e) {
      return BuildInfo.unknown(executable + ": " + e.getMessage());
    }
  }

  private static ByteBuffer section(FileChannel file) throws IOException, SignalUnavailable {
    ByteBuffer ident = readAt(file, 0, 16);
    if (ident.getInt(0) != 0x7f454c46) {
      throw new SignalUnavailable("not an ELF executable, so its Go build info is not read (Linux targets only)");
    }
    boolean wide = ident.get(4) == 2;
    ByteOrder order = ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ByteBuffer header = readAt(file, 0, wide ? 64 : 52).order(order);
    long sectionsAt = wide ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
    int entrySize = Short.toUnsignedInt(header.getShort(wide ? 0x3A : 0x2E));
    int count = Short.toUnsignedInt(header.getShort(wide ? 0x3C : 0x30));
    int namesIndex = Short.toUnsignedInt(header.getShort(wide ? 0x3E : 0x32));
    if (sectionsAt == 0 || count == 0 || namesIndex >= count) {
      throw new SignalUnavailable("the ELF has no section headers, so its Go build info cannot be found");
    }
    ByteBuffer table = readAt(file, sectionsAt, (long) entrySize * count).order(order);
    long[] names = place(table, namesIndex * entrySize, wide);
    ByteBuffer nameTable = readAt(file, names[0], Math.min(names[1], MAX_SECTION));
    for (int i = 0; i < count; i++) {
      int name = table.getInt(i * entrySize);
      if (SECTION.equals(cString(nameTable, name))) {
        long[] at = place(table, i * entrySize, wide);
        if (at[1] > MAX_SECTION) {
          throw new SignalUnavailable("its " + SECTION + " section is " + at[1] + " bytes, too large to be one");
        }
        return readAt(file, at[0], at[1]);
      }
    }
    throw new SignalUnavailable("no " + SECTION + " section: not a Go binary, or built before Go 1.13");
  }

  /** A section's file offset and size from its header entry. */
  private static long[] place(ByteBuffer table, int entry, boolean wide) {
    return wide ? new long[] {table.getLong(entry + 24), table.getLong(entry + 32)}
        : new long[] {Integer.toUnsignedLong(table.getInt(entry + 16)), Integer.toUnsignedLong(table.getInt(entry + 20))};
  }

  private static String cString(ByteBuffer bytes, int at) {
    if (at < 0 || at >= bytes.limit()) {
      return "";
    }
    int end = at;
    while (end < bytes.limit() && bytes.get(end) != 0) {
      end++;
    }
    byte[] text = new byte[end - at];
    bytes.get(at, text);
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  private static ByteBuffer readAt(FileChannel file, long position, long length) throws IOException,
      SignalUnavailable {
    if (position < 0 || length < 0 || length > Integer.MAX_VALUE || position + length > file.size()) {
      throw new SignalUnavailable("its ELF headers point outside the file (truncated or not an executable)");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) length);
    while (buffer.hasRemaining()) {
      if (file.read(buffer, position + buffer.position()) < 0) {
        throw new SignalUnavailable("the file ends inside its ELF headers");
      }
    }
    return buffer.flip();
  }

  /** The section's content: magic, pointer size, flags, padding to 32 bytes, then version and modules. */
  static BuildInfo parse(ByteBuffer section, String source) throws SignalUnavailable {
    if (section.limit() < HEADER || !section.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
      throw new SignalUnavailable("its " + SECTION + " section does not start with Go's build info magic");
    }
    if ((section.get(15) & FLAG_VERSION_INLINE) == 0) {
      throw new SignalUnavailable("built with a Go older than 1.18, whose build info (pointers into the data "
          + "segment) is not decoded here; go version -m reads it");
    }
    section.position(HEADER);
    String version = lengthPrefixed(section);
    String modules = lengthPrefixed(section);
    // cmd/go frames the listing with 16-byte sentinels; debug/buildinfo strips them the same way.
    if (modules.length() >= 33 && modules.charAt(modules.length() - 17) == '\n') {
      modules = modules.substring(16, modules.length() - 16);
    }
    return listing(version, modules, source);
  }

  /** The module listing's lines, tab-separated: {@code path}, {@code mod}, {@code dep}, {@code =>}, {@code build}. */
  static BuildInfo listing(String goVersion, String modules, String source) {
    GoModule main = null;
    String mainPath = null;
    List<GoModule> dependencies = new ArrayList<>();
    for (String line : modules.split("\n")) {
      String[] f = line.split("\t");
      switch (f[0]) {
        case "path" -> mainPath = f.length > 1 ? f[1] : null;
        case "mod" -> main = new GoModule(field(f, 1), field(f, 2), "");
        case "dep" -> dependencies.add(new GoModule(field(f, 1), field(f, 2), ""));
        case "=>" -> {
          String by = (field(f, 1) + " " + field(f, 2)).strip();
          if (!dependencies.isEmpty()) {
            GoModule last = dependencies.remove(dependencies.size() - 1);
            dependencies.add(new GoModule(last.path(), last.version(), by));
          } else if (main != null) {
            main = new GoModule(main.path(), main.version(), by);
          }
        }
        default -> { }
      }
    }
    if (main == null && mainPath != null) {
      // A binary built from a file outside any module: only its package path is known.
      main = new GoModule(mainPath, "", "");
    }
    return new BuildInfo(goVersion, main, dependencies, source, "");
  }

  private static String field(String[] fields, int i) {
    return i < fields.length ? fields[i] : "";
  }

  private static String lengthPrefixed(ByteBuffer bytes) throws SignalUnavailable {
    long length = 0;
    for (int shift = 0; ; shift += 7) {
      if (!bytes.hasRemaining() || shift > 63) {
        throw new SignalUnavailable("its build info ends inside a length");
      }
      byte b = bytes.get();
      length |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (length > bytes.remaining()) {
      throw new SignalUnavailable("its build info says " + length + " bytes follow, but " + bytes.remaining() + " do");
    }
    byte[] text = new byte[(int) length];
    bytes.get(text);
    return new String(text, StandardCharsets.UTF_8);
  }
}
