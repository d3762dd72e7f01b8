package io.beamcep.patterns.engine;

import java.util.Arrays;

/**
 * Flink CEP's version numbers of partial-match branches (immutable). The engine no longer makes
 * them (partial matches hold their paths, see {@link PathNode}); they are read from key state of
 * formats 1 to 3, whose shared-buffer edges carry them ({@link LegacyBuffer}).
 *
 * <p>A number is one object: the first digit in {@link #first} and digits 1 to 8 packed eight bits
 * each into {@link #rest}, when they fit, which they nearly always do (branches after the start
 * rarely split more than a few ways). Only a longer number or a larger digit keeps its digits in an
 * array. The form is canonical (a number that fits is never kept as an array), so two numbers of
 * different forms are never equal, and comparing two packed numbers needs no array at all.
 */
final class DeweyNumber {
  private static final int PACKED_DIGITS = 8;
  private static final int DIGIT_BITS = 8;
  private static final int DIGIT_MAX = (1 << DIGIT_BITS) - 1;

  final int length;
  final int first;
  /** Digit i (1 <= i < length) at bits 8(i-1); unused bits zero. Zero when {@link #digits} set. */
  private final long rest;
  /** All digits, only when they do not fit the packed form; else null. */
  private final int[] digits;
  /**
   * The number this one's digits extend by one ({@link #addStage}), or null when not known (a
   * start number, or decoded state). Buffer scans compare a partial match's version with the
   * versions of the edges it came along, which are nearly always its parent: comparing references
   * then settles it without loading the edge's number, which is rarely in cache.
   */
  private final DeweyNumber parent;

  DeweyNumber(int start) {
    this(1, start, 0L, null, null);
  }

  /** The number of these digits; the array must not be changed afterwards. */
  static DeweyNumber of(int[] digits) {
    return of(digits, null);
  }

  private static DeweyNumber of(int[] digits, DeweyNumber parent) {
    boolean packed = fitsPacked(digits);
    return new DeweyNumber(digits.length, digits.length == 0 ? 0 : digits[0],
        packed ? pack(digits) : 0L, packed ? null : digits, parent);
  }

  private DeweyNumber(int length, int first, long rest, int[] digits, DeweyNumber parent) {
    this.length = length;
    this.first = first;
    this.rest = rest;
    this.digits = digits;
    this.parent = parent;
  }

  private static boolean fitsPacked(int[] digits) {
    if (digits.length == 0 || digits.length > PACKED_DIGITS + 1) {
      return false;
    }
    for (int i = 1; i < digits.length; i++) {
      if (digits[i] < 0 || digits[i] > DIGIT_MAX) {
        return false;
      }
    }
    return true;
  }

  private static long pack(int[] digits) {
    long packed = 0L;
    for (int i = 1; i < digits.length; i++) {
      packed |= (long) digits[i] << shift(i);
    }
    return packed;
  }

  private static int shift(int index) {
    return DIGIT_BITS * (index - 1);
  }

  /** Bits of packed digits 1 to {@code count}. */
  private static long mask(int count) {
    return count >= PACKED_DIGITS ? -1L : (1L << (DIGIT_BITS * count)) - 1;
  }

  int digit(int index) {
    if (digits != null) {
      return digits[index];
    }
    return index == 0 ? first : (int) (rest >>> shift(index)) & DIGIT_MAX;
  }

  /** The digits in a new array of {@code size} (longer: zeros appended). */
  private int[] copyDigits(int size) {
    if (digits != null) {
      return Arrays.copyOf(digits, size);
    }
    int[] all = new int[size];
    for (int i = 0; i < length; i++) {
      all[i] = digit(i);
    }
    return all;
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
    if (digits == null && other.digits == null) {
      if (length > otherLength) {
        return (rest & mask(otherLength - 1)) == other.rest; // other's unused bits are zero
      }
      if (length == 1) {
        return first >= other.first;
      }
      long prefix = mask(length - 2);
      int last = shift(length - 1);
      return (rest & prefix) == (other.rest & prefix)
          && ((rest >>> last) & DIGIT_MAX) >= ((other.rest >>> last) & DIGIT_MAX);
    }
    if (length > otherLength) {
      for (int i = 0; i < otherLength; i++) {
        if (other.digit(i) != digit(i)) {
          return false;
        }
      }
      return true;
    }
    int last = length - 1;
    for (int i = 0; i < last; i++) {
      if (other.digit(i) != digit(i)) {
        return false;
      }
    }
    return digit(last) >= other.digit(last);
  }

  DeweyNumber increase(int times) {
    if (times == 0) {
      return this; // immutable: the common "no new branch" case allocates nothing
    }
    // a later sibling: same prefix, so the same parent
    if (digits == null) {
      if (length == 1) {
        return new DeweyNumber(1, first + times, 0L, null, parent);
      }
      long raised = (long) digit(length - 1) + times;
      if (raised >= 0 && raised <= DIGIT_MAX) {
        return new DeweyNumber(length, first, rest + ((long) times << shift(length - 1)), null,
            parent);
      }
    }
    int[] next = copyDigits(length);
    next[length - 1] += times;
    return of(next, parent);
  }

  DeweyNumber addStage() {
    if (digits == null && length <= PACKED_DIGITS) {
      return new DeweyNumber(length + 1, first, rest, null, this); // the new digit is 0
    }
    return of(copyDigits(length + 1), this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeweyNumber d
        && length == d.length
        && first == d.first
        && rest == d.rest
        && Arrays.equals(digits, d.digits);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + digit(i);
    }
    return hash;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(i == 0 ? "" : ".").append(digit(i));
    }
    return text.toString();
  }
}
