package io.beamcep.patterns.engine;

import java.util.Arrays;

/**
 * Flink CEP's version number of a partial-match branch, as key state of formats 1 to 3 stores it
 * on every shared-buffer edge ({@link LegacyBuffer}). The engine no longer makes them: partial
 * matches hold their paths ({@link PathNode}); reading such state only needs to know which edges
 * a version may follow.
 */
final class DeweyNumber {
  private final int[] digits;

  private DeweyNumber(int[] digits) {
    this.digits = digits;
  }

  /** The number of these digits (taken as they are). */
  static DeweyNumber of(int[] digits) {
    if (digits.length == 0) {
      throw new IllegalArgumentException("a version number has at least one digit");
    }
    return new DeweyNumber(digits);
  }

  /**
   * Flink's DeweyNumber.isCompatibleWith: this number extends {@code other} (other is a prefix of
   * it), or has its length, the same digits but the last, and a last digit at least as large.
   */
  boolean isCompatibleWith(DeweyNumber other) {
    int[] mine = digits;
    int[] theirs = other.digits;
    if (mine.length > theirs.length) {
      return Arrays.equals(mine, 0, theirs.length, theirs, 0, theirs.length);
    }
    if (mine.length == theirs.length) {
      int last = mine.length - 1;
      return Arrays.equals(mine, 0, last, theirs, 0, last) && mine[last] >= theirs[last];
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeweyNumber number && Arrays.equals(digits, number.digits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digits);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int digit : digits) {
      text.append(text.length() == 0 ? "" : ".").append(digit);
    }
    return text.toString();
  }
}
