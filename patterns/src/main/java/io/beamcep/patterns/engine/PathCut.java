package io.beamcep.patterns.engine;

/**
 * Releases what lies past the starts of a rule's partial matches once none of them needs it.
 *
 * <p>A partial match that started on a shared node links, past its start, into the chain of an
 * older partial match (see {@link PathNode}). While that one lives, the link costs nothing: the
 * nodes are its own. Once it ends, the link alone would keep its events, and through the next start
 * the events before them, for as long as a looping step keeps starting partial matches. So after
 * partial matches of a rule end, every link past a start that no live partial match's own chain
 * uses is cut: what is left reachable is exactly what the live partial matches hold.
 */
final class PathCut {
  private PathCut() {}

  /** Cuts every link past a start of {@code rule}'s partial matches that none of them needs. */
  static void release(RuleState rule) {
    int pass = ++rule.cutPasses;
    PartialMatchQueue partials = rule.partialMatches();
    PartialMatchQueue completed = rule.hasCompletedMatches() ? rule.completedMatches() : null;
    mark(partials, pass);
    if (completed != null) {
      mark(completed, pass);
    }
    boolean shared = cut(partials, pass);
    if (completed != null) {
      shared |= cut(completed, pass);
    }
    rule.sharedStarts = shared;
  }

  /** Marks every node a partial match of {@code queue} holds, down to its start. */
  private static void mark(PartialMatchQueue queue, int pass) {
    for (int i = 0, n = queue.size(); i < n; i++) {
      ComputationState computation = queue.get(i);
      EventId start = computation.startEventId;
      for (PathNode node = computation.path; node != null; node = node.before(start)) {
        node.mark = pass;
      }
    }
  }

  /** Cuts unmarked links past the starts of {@code queue}; true when a needed one is left. */
  private static boolean cut(PartialMatchQueue queue, int pass) {
    boolean left = false;
    for (int i = 0, n = queue.size(); i < n; i++) {
      ComputationState computation = queue.get(i);
      PathNode first = startNode(computation);
      if (first != null && first.previous != null) {
        if (first.previous.mark == pass) {
          left = true;
        } else {
          first.previous = null;
        }
      }
    }
    return left;
  }

  private static PathNode startNode(ComputationState computation) {
    EventId start = computation.startEventId;
    PathNode node = computation.path;
    if (node == null) {
      return null;
    }
    for (PathNode before = node.before(start); before != null; before = node.before(start)) {
      node = before;
    }
    return node;
  }
}
