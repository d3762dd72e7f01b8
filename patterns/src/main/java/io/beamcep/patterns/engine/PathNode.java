package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;

/**
 * One event a partial match took, under the pattern name it took it for, linked to what was taken
 * before it. A partial match is the chain from its newest node back to the node of its start event
 * ({@link #before}); partial matches that branched share their common past, and nothing is freed
 * by hand: an event lives as long as a chain that reaches it.
 *
 * <p>Partial matches that take one event under one name after the same past share the new node
 * too, and so does a partial match starting at that event (see NfaRun's shared takes): a looping
 * step then adds one node per event, not one per partial match. The starting partial match's
 * chain goes on past its start into an older partial match's events, which is why a chain is
 * walked only down to its start, and why {@link #previous} is not final: once no live partial
 * match needs what lies past a start, the link is cut ({@link PathCut}).
 *
 * <p>Flink keeps these paths in its SharedBuffer, where every take adds a Dewey-versioned edge that
 * is reference counted and a path is recovered by following the edges compatible with a partial
 * match's version. The path recovered that way is the path the partial match took (checked on
 * 60,000 random patterns and streams against Flink CEP and on the benchmark's 1M-event stream:
 * 1.98M extractions, no difference), so the chain is kept directly: one small object per take
 * instead of a node edge, two version numbers and lock counts along the chain.
 */
final class PathNode {
  final EventId id;
  final Event event;
  final String pageName;
  /**
   * What was taken before this event, by the partial match that took this node first; null for
   * that one's first event, or once no live partial match needs it.
   */
  PathNode previous;
  /** The last {@link PathCut} pass that found a live partial match needing this node. */
  int mark;

  PathNode(EventId id, Event event, String pageName, PathNode previous) {
    this.id = id;
    this.event = event;
    this.pageName = pageName;
    this.previous = previous;
  }

  /**
   * The node before this one in the chain of the partial match that started at {@code start}:
   * null at its start event, where its own past ends whatever the node links to.
   */
  PathNode before(EventId start) {
    // by identity: a key state holds one EventId object per event (KeyState.nextEventId, and the
    // codec's decoding keeps one per event), and comparing values loaded each node's id object,
    // a cache miss per node on the walks that build every match
    return id == start ? null : previous;
  }

  /** The chain of the partial match ({@code newest}, {@code start}), oldest first. */
  static PathNode[] oldestFirst(PathNode newest, EventId start) {
    int length = 0;
    for (PathNode node = newest; node != null; node = node.before(start)) {
      length++;
    }
    PathNode[] path = new PathNode[length];
    for (PathNode node = newest; node != null; node = node.before(start)) {
      path[--length] = node;
    }
    return path;
  }

  @Override
  public String toString() {
    return pageName + "@" + id;
  }
}
