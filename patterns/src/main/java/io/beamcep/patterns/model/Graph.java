package io.beamcep.patterns.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pattern graph (the reference's {@code GraphSpec}): nodes chained by edges. The top-level graph
 * is the rule's pattern; a nested graph is a group pattern whose quantifier applies to the whole
 * group.
 *
 * @param name the graph's own name (the reference repeats the last node's name here)
 * @param quantifier applies to the group when the graph is nested; SINGLE at the top level
 * @param nodes in the order the JSON lists them (often last to first)
 * @param edges {@code source -> target} links forming one chain
 * @param window the time constraint, if any
 * @param afterMatch the after-match skip strategy; only meaningful at the top level
 */
public record Graph(
    String name,
    Quantifier quantifier,
    List<Node> nodes,
    List<Edge> edges,
    Optional<Window> window,
    AfterMatch afterMatch)
    implements Node {
  public Graph {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(quantifier, "quantifier");
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(afterMatch, "afterMatch");
  }
}
