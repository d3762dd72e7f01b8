package io.beamcep.patterns.engine;

import java.util.Arrays;

/** Flink CEP's version numbers of partial-match branches (immutable). */
final class DeweyNumber {
  final int[] digits;
  // copies of digits.length and digits[0]: buffer scans compare one version against every edge
  // of a node, and most pairs already differ in these, without loading either array
  final int length;
  final int first;
  /**
   * The number this one's digits extend by one ({@link #addStage}), or null when not known (a
   * start number, or decoded state). Buffer scans compare a partial match's version with the
   * versions of the edges it came along, which are nearly always its parent: comparing references
   * then settles it without loading the edge's digits, which are rarely in cache.
   */
  private final DeweyNumber parent;

  DeweyNumber(int start) {
    this(new int[] {start});
  }

  DeweyNumber(int[] digits) {
    this(digits, null);
  }

  private DeweyNumber(int[] digits, DeweyNumber parent) {
    this.parent = parent;
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
    if (other == parent || other == this) {
      return true; // settled by reference: other is this number's prefix, or this number
    }
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
    return new DeweyNumber(next, parent); // a later sibling: same prefix
  }

  DeweyNumber addStage() {
    return new DeweyNumber(Arrays.copyOf(digits, digits.length + 1), this);
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
