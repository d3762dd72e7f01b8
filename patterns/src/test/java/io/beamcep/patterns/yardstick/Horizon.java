package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Times;
import java.time.Duration;
import java.util.List;

/** Where "end of input" lies for a rule: past the last event by its longest time constraint. */
public final class Horizon {
  private Horizon() {}

  /**
   * The last timestamp plus the longest window or repetition gap in the rule, plus one: by then
   * every window has closed, so both engines must have emitted every timeout and pending match.
   */
  public static long endOfInput(Graph pattern, List<TimedEvent> events) {
    long last = events.stream().mapToLong(TimedEvent::timestamp).max().orElse(0L);
    return last + longestConstraint(pattern).toMillis() + 1;
  }

  static Duration longestConstraint(Node node) {
    Duration longest =
        node.quantifier().times().flatMap(Times::windowTime).orElse(Duration.ZERO);
    if (node instanceof Graph graph) {
      if (graph.window().isPresent() && graph.window().get().size().compareTo(longest) > 0) {
        longest = graph.window().get().size();
      }
      for (Node child : graph.nodes()) {
        Duration inner = longestConstraint(child);
        if (inner.compareTo(longest) > 0) {
          longest = inner;
        }
      }
    }
    return longest;
  }
}
