package io.beamcep.patterns.engine;

/**
 * Shapes of matches, shared between matches: a shape is the pattern names in order and where each
 * name's events start. A rule's matches come in a few shapes (a seed rule's nearly always in one),
 * and a name array and a start array per match were two of its six objects, a fifth of its bytes.
 *
 * <p>A small table, written without locks by every thread: a shape is immutable once made (its
 * arrays are reached only through final fields, so a thread that sees the shape sees them whole),
 * and a slot lost to a race or to another shape of the same hash only means a match makes its own.
 */
final class MatchLayouts {
  private static final int SLOTS = 256;
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
  }

  /** The shape filed under {@code hash} if it has {@code groups} groups of {@code length} events. */
  static Layout candidate(int hash, int groups, int length) {
    Layout layout = TABLE[hash & (SLOTS - 1)];
    return layout != null && layout.names.length == groups && layout.starts[groups] == length
        ? layout
        : null;
  }

  /** Files a shape whose names are all distinct, replacing what its slot held. */
  static void remember(int hash, String[] names, int[] starts) {
    TABLE[hash & (SLOTS - 1)] = new Layout(names, starts);
  }
}
