package io.beamcep.patterns.condition;

import com.googlecode.aviator.exception.ExpressionRuntimeException;
import com.googlecode.aviator.runtime.function.AbstractFunction;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import com.googlecode.aviator.runtime.type.AviatorPattern;
import java.util.Map;

/**
 * Aviator's {@code =~} with a step budget. A rule's regular expression runs on the matcher's thread
 * for every event; one that backtracks catastrophically ({@code /(.*a){12}/} on a long run of
 * {@code a}) would hold that thread, and every key behind it, for minutes or forever. The subject
 * is handed to the regex engine behind a {@link CharSequence} that counts its character reads and
 * gives up past {@link #MAX_READS}: the match then fails like any other run-time error (counted,
 * the condition is false) instead of stalling the job.
 *
 * <p>Otherwise it is Aviator 5.4.3's operator: nil matches nothing, a subject that is not a string
 * is an error, the whole subject must match, and capture groups are not stored (the sandbox turns
 * that off).
 */
final class BoundedRegexMatch extends AbstractFunction {
  /**
   * Character reads allowed per match. A regex that scans its subject a few times reads a few
   * times its length; a million reads take a few milliseconds and cover any sane pattern on any
   * field up to hundreds of kilobytes.
   */
  static final int MAX_READS = 1_000_000;

  @Override
  public String getName() {
    return "=~";
  }

  @Override
  public AviatorObject call(Map<String, Object> env, AviatorObject subject, AviatorObject regex) {
    if (!(regex instanceof AviatorPattern pattern)) {
      throw new ExpressionRuntimeException(
          "the right side of =~ must be a regular expression literal such as /view|cart/, not "
              + regex.desc(env));
    }
    Object value = subject.getValue(env);
    if (value == null) {
      return AviatorBoolean.FALSE; // Aviator: nil (an absent field) matches nothing, no error
    }
    if (!(value instanceof CharSequence) && !(value instanceof Character)) {
      throw new ExpressionRuntimeException(
          pattern.desc(env) + " could not match " + subject.desc(env) + ": not a string");
    }
    String text = value.toString();
    boolean matches = pattern.getPattern().matcher(new CountedText(text, new int[] {MAX_READS},
        pattern.getPattern().pattern(), 0, text.length())).matches();
    return AviatorBoolean.valueOf(matches);
  }

  /** Raised when a match runs out of reads; its message names the pattern and the subject size. */
  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded(String pattern, int length) {
      super("regular expression /" + pattern + "/ gave up after " + MAX_READS
          + " character reads on a " + length + "-character value (catastrophic backtracking?)",
          null, false, false);
    }
  }

  /** A window of the subject whose reads draw on one budget shared by all its windows. */
  private static final class CountedText implements CharSequence {
    private final String text;
    private final int[] readsLeft;
    private final String pattern;
    private final int from;
    private final int to;

    CountedText(String text, int[] readsLeft, String pattern, int from, int to) {
      this.text = text;
      this.readsLeft = readsLeft;
      this.pattern = pattern;
      this.from = from;
      this.to = to;
    }

    @Override
    public char charAt(int index) {
      if (--readsLeft[0] < 0) {
        throw new BudgetExceeded(pattern, text.length());
      }
      if (index < 0 || index >= to - from) {
        throw new IndexOutOfBoundsException("index " + index + ", length " + (to - from));
      }
      return text.charAt(from + index);
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (start < 0 || end > to - from || start > end) {
        throw new IndexOutOfBoundsException(start + ".." + end + " of " + (to - from));
      }
      return new CountedText(text, readsLeft, pattern, from + start, from + end);
    }

    @Override
    public String toString() {
      return text.substring(from, to);
    }
  }
}
