package io.beamcep.patterns.engine;

import java.util.ArrayList;
import java.util.List;

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
    int pass = rule.beginCutPass();
    List<PathNode> starts = new ArrayList<>();
    mark(rule.partialMatches(), pass, starts);
    if (rule.hasCompletedMatches()) {
      mark(rule.completedMatches(), pass, starts);
    }
    boolean left = false;
    for (PathNode start : starts) {
      if (start.previous != null) {
        if (start.previous.mark == pass) {
          left = true; // an older live partial match's own node
        } else {
          start.previous = null;
        }
      }
    }
    rule.endCutPass(left);
  }

  /**
   * Marks every node a partial match of {@code queue} holds, down to its start, and adds each
   * start node to {@code starts}.
   */
  private static void mark(PartialMatchQueue queue, int pass, List<PathNode> starts) {
    for (int i = 0, n = queue.size(); i < n; i++) {
      ComputationState computation = queue.get(i);
      EventId start = computation.startEventId;
      PathNode first = null;
      for (PathNode node = computation.path; node != null; node = node.before(start)) {
        node.mark = pass;
        first = node;
      }
      if (first != null) {
        starts.add(first);
      }
    }
  }
}
