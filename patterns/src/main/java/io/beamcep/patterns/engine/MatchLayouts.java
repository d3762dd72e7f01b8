package io.beamcep.patterns.engine;

import java.util.Arrays;

/**
 * Shapes of matches, shared between matches: a shape is the pattern names in order and where each
 * name's events start. A rule's matches come in a few shapes (a seed rule's nearly always in one),
 * and a name array and a start array per match were two of its six objects, a fifth of its bytes.
 *
 * <p>A small table, written without locks by every thread: a shape is immutable once made (its
 * arrays are reached only through final fields, so a thread that sees the shape sees them whole),
 * and a slot lost to a race or to another shape only means a match makes its own arrays. Each
 * shape has two slots to choose from: with one, two busy shapes of one slot (rule 3's matches and
 * rule 1's timeouts did) replaced each other on every match, and one match in seven made its own.
 */
final class MatchLayouts {
  private static final int SLOTS = 1024;
  private static final Layout[] TABLE = new Layout[SLOTS];

  private MatchLayouts() {}

  /**
   * The pattern names of a match's groups in order, and where each group starts in its events,
   * with one more entry: the number of events. Adjacent groups have different names.
   */
  record Layout(String[] names, int[] starts) {
    /** The group of the event at {@code index}, when {@code group} is that of a later event. */
    int groupOf(int index, int group) {
      while (index < starts[group]) {
        group--;
      }
      return group;
    }

    boolean fits(int groups, int length) {
      return names.length == groups && starts[groups] == length;
    }
  }

  /**
   * A shape filed under {@code hash} that has {@code groups} groups of {@code length} events, or
   * null; the caller checks its names.
   */
  static Layout candidate(int hash, int groups, int length) {
    int mixed = hash * 0x9E3779B9;
    Layout layout = TABLE[first(mixed)];
    if (layout != null && layout.fits(groups, length)) {
      return layout;
    }
    layout = TABLE[second(mixed)];
    return layout != null && layout.fits(groups, length) ? layout : null;
  }

  /** Files a shape whose names are all distinct: in a free slot of its two, else its first. */
  static void remember(int hash, String[] names, int[] starts) {
    int mixed = hash * 0x9E3779B9;
    int slot = first(mixed);
    if (TABLE[slot] != null && TABLE[second(mixed)] == null) {
      slot = second(mixed);
    }
    TABLE[slot] = new Layout(names, starts);
  }

  /** Files {@code layout} in every slot (tests: every candidate is then that shape). */
  static void fillForTest(Layout layout) {
    Arrays.fill(TABLE, layout);
  }

  /** Empties the table (tests). */
  static void clearForTest() {
    Arrays.fill(TABLE, null);
  }

  private static int first(int mixed) {
    return mixed >>> 22; // the top ten bits, where the multiplication mixed every bit in
  }

  private static int second(int mixed) {
    return (mixed >>> 12) & (SLOTS - 1);
  }
}
