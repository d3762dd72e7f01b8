package io.beamcep.patterns.engine;

import java.util.Arrays;

/** Flink CEP's version numbers of partial-match branches (immutable). */
final class DeweyNumber {
  final int[] digits;

  DeweyNumber(int start) {
    this.digits = new int[] {start};
  }

  DeweyNumber(int[] digits) {
    this.digits = digits;
  }

  /** True when this branch descends from (or is a later sibling of) {@code other}. */
  boolean isCompatibleWith(DeweyNumber other) {
    int length = digits.length;
    int otherLength = other.digits.length;
    if (length > otherLength) {
      for (int i = 0; i < otherLength; i++) {
        if (other.digits[i] != digits[i]) {
          return false;
        }
      }
      return true;
    } else if (length == otherLength) {
      int last = length - 1;
      for (int i = 0; i < last; i++) {
        if (other.digits[i] != digits[i]) {
          return false;
        }
      }
      return digits[last] >= other.digits[last];
    }
    return false;
  }

  DeweyNumber increase(int times) {
    if (times == 0) {
      return this; // immutable: the common "no new branch" case allocates nothing
    }
    int[] next = Arrays.copyOf(digits, digits.length);
    next[digits.length - 1] += times;
    return new DeweyNumber(next);
  }

  DeweyNumber addStage() {
    return new DeweyNumber(Arrays.copyOf(digits, digits.length + 1));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeweyNumber d && Arrays.equals(digits, d.digits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digits);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < digits.length; i++) {
      text.append(i == 0 ? "" : ".").append(digits[i]);
    }
    return text.toString();
  }
}
