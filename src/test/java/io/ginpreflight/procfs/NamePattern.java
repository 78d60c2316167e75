package io.ginpreflight.procfs;

import java.util.regex.Pattern;

/**
 * A file name as a family: {@code os.CreateTemp} and {@code mime/multipart} end names in random decimal
 * digits ({@code multipart-3957372011}), so runs of two or more digits become {@code *}, and so does a
 * name of digits only. Files a leak
 * leaves behind, one per request, then count as one group.
 */
final class NamePattern {

  private static final Pattern DIGITS = Pattern.compile("[0-9]{2,}");

  private NamePattern() {}

  static String of(String name) {
    if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
      return "*";  // files numbered 0, 1, 2 by the code that writes them
    }
    return DIGITS.matcher(name).replaceAll("*").replaceAll("\\*+", "*");
  }
}
