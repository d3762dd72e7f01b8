package io.beamcep.patterns.engine;

import java.util.Arrays;

/** Flink CEP's version numbers of partial-match branches (immutable). */
final class DeweyNumber {
  final int[] digits;
  // copies of digits.length and digits[0]: buffer scans compare one version against every edge
  // of a node, and most pairs already differ in these, without loading either array
  final int length;
  final int first;

  DeweyNumber(int start) {
    this(new int[] {start});
  }

  DeweyNumber(int[] digits) {
    this.digits = digits;
    this.length = digits.length;
    this.first = digits.length == 0 ? 0 : digits[0];
  }

  /**
   * {@link #length} and {@link #first} in one long: a buffer node keeps its edges' versions in
   * this form too, so a scan rejects most edges with {@link #mayBeCompatible} reading one array.
   */
  long head() {
    return ((long) length << 32) | (first & 0xffffffffL);
  }

  /** False only when {@link #isCompatibleWith} would be false for a version of that head. */
  boolean mayBeCompatible(long otherHead) {
    int otherLength = (int) (otherHead >>> 32);
    return length >= otherLength && (first == (int) otherHead || length == 1);
  }

  /** True when this branch descends from (or is a later sibling of) {@code other}. */
  boolean isCompatibleWith(DeweyNumber other) {
    int length = this.length;
    int otherLength = other.length;
    if (length < otherLength || (first != other.first && length > 1)) {
      return false;
    }
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
