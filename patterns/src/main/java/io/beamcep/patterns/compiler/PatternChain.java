package io.beamcep.patterns.compiler;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.compiler.PatternStep.Consuming;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.WindowType;
import io.beamcep.patterns.nfa.Guard;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Turns a rule's graph into the pattern chain Flink's Pattern API would build (the reference's
 * GraphSpec.toPattern), refusing every pattern Flink's API or compiler refuses, with the JSON path
 * of the offending node.
 */
final class PatternChain {
  private final Rule rule;
  private final BiFunction<Object, String, Guard> guards;
  private final Set<String> names = new HashSet<>();

  PatternChain(Rule rule, BiFunction<Object, String, Guard> guards) {
    this.rule = rule;
    this.guards = guards;
  }

  RuleException error(String path, String reason) {
    return new RuleException(rule.id(), rule.version(), path, reason);
  }

  /** The last top-level step; the window and skip strategy are checked here too. */
  PatternStep build() {
    Graph graph = rule.pattern();
    long prevAndCurrent = -1;
    if (graph.window().isPresent()
        && graph.window().get().type() == WindowType.PREVIOUS_AND_CURRENT) {
      prevAndCurrent = graph.window().get().size().toMillis();
    }
    return chain(graph, "$.pattern", true, prevAndCurrent);
  }

  private PatternStep chain(Graph graph, String path, boolean topLevel, long prevAndCurrent) {
    List<Node> nodes = graph.nodes();
    if (nodes.isEmpty()) {
      throw error(path + ".nodes", "a pattern needs at least one node");
    }
    if (!topLevel) {
      if (graph.window().isPresent()) {
        throw error(
            path + ".window",
            "a window inside a group is ignored by Flink CEP; put the window on the top-level"
                + " pattern");
      }
      if (graph.afterMatch().type() != AfterMatchType.NO_SKIP) {
        throw error(
            path + ".afterMatchStrategy",
            "an after-match strategy applies only to the top-level pattern, not inside a group");
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.putIfAbsent(nodes.get(i).name(), i);
    }
    Map<String, Edge> outgoing = new HashMap<>();
    Set<String> targets = new HashSet<>();
    for (int i = 0; i < graph.edges().size(); i++) {
      Edge edge = graph.edges().get(i);
      String edgePath = path + ".edges[" + i + "]";
      if (!index.containsKey(edge.source()) || !index.containsKey(edge.target())) {
        throw error(edgePath, "edge refers to a node that does not exist in this graph");
      }
      if (outgoing.put(edge.source(), edge) != null || !targets.add(edge.target())) {
        throw error(edgePath, "the nodes must form one chain: a node has two edges");
      }
    }
    List<Integer> begins = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!targets.contains(nodes.get(i).name())) {
        begins.add(i);
      }
    }
    if (begins.size() != 1) {
      throw error(
          path + ".nodes", "the pattern must have exactly one begin node, found " + begins.size());
    }
    List<Integer> order = new ArrayList<>();
    List<EdgeType> incoming = new ArrayList<>();
    int at = begins.get(0);
    EdgeType into = null;
    while (true) {
      if (order.contains(at)) {
        throw error(path + ".edges", "the edges form a cycle");
      }
      order.add(at);
      incoming.add(into);
      Edge next = outgoing.get(nodes.get(at).name());
      if (next == null) {
        break;
      }
      into = next.type();
      at = index.get(next.target());
    }
    if (order.size() != nodes.size()) {
      throw error(path + ".nodes", "some nodes are not connected to the chain from the begin node");
    }
    PatternStep previous = null;
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      boolean last = k == order.size() - 1;
      EdgeType edge = incoming.get(k);
      String nodePath = path + ".nodes[" + i + "]";
      Node node = nodes.get(i);
      if (edge != null && isNot(edge) && previous.has(QuantifierProperty.OPTIONAL)) {
        throw error(
            nodePath,
            "a notNext/notFollowedBy cannot follow an optional node (Flink: \"Specifying a pattern"
                + " with an optional path to NOT condition is not supported yet\")");
      }
      if (edge != null && isNot(edge) && previous.isGroup()
          && !alwaysTakesAnEvent(previous.group)) {
        // Flink checks only the optional flag: it accepts this, and a partial match that took
        // nothing yet can then reach the negation's stop state, where Flink's job fails
        throw error(nodePath, "a notNext/notFollowedBy cannot follow a group that can match no"
            + " event (every node in it is optional or a negation): that is an optional path to"
            + " the negation, which Flink refuses for an optional node and fails on here");
      }
      previous =
          step(node, nodePath, previous, edge, topLevel && last ? prevAndCurrent : -1);
      if (last && edge == EdgeType.NOT_FOLLOW && !topLevel) {
        throw error(
            nodePath, "a group cannot end with notFollowedBy (Flink would silently drop it)");
      }
      if (last && topLevel && edge == EdgeType.NOT_FOLLOW && graph.window().isEmpty()) {
        throw error(
            nodePath,
            "notFollowedBy as the last node needs a window on the pattern, otherwise it can never"
                + " complete");
      }
    }
    return previous;
  }

  /** Whether every way through the chain ending at {@code last} takes at least one event. */
  private static boolean alwaysTakesAnEvent(PatternStep last) {
    for (PatternStep step = last; step != null; step = step.previous) {
      boolean negation =
          step.consuming == Consuming.NOT_NEXT || step.consuming == Consuming.NOT_FOLLOW;
      if (!negation && !step.has(QuantifierProperty.OPTIONAL)
          && (!step.isGroup() || alwaysTakesAnEvent(step.group))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNot(EdgeType type) {
    return type == EdgeType.NOT_NEXT || type == EdgeType.NOT_FOLLOW;
  }

  private PatternStep step(
      Node node, String path, PatternStep previous, EdgeType edge, long prevAndCurrent) {
    Quantifier q = node.quantifier();
    // Flink's Pattern.begin uses STRICT: the start state has no IGNORE edge
    Consuming consuming = edge == null ? Consuming.STRICT : consuming(edge);
    boolean not = consuming == Consuming.NOT_NEXT || consuming == Consuming.NOT_FOLLOW;
    Set<QuantifierProperty> props = EnumSet.noneOf(QuantifierProperty.class);
    boolean looping = q.isLooping();
    boolean times = !looping && q.isTimes();
    boolean optional = q.isOptional();
    boolean greedy = q.isGreedy();
    String qPath = path + ".quantifier";
    if (not && (looping || times || optional || greedy || q.until().isPresent())) {
      throw error(
          qPath,
          "a notNext/notFollowedBy node cannot have a quantifier or until condition (Flink: Option"
              + " not applicable to NOT pattern)");
    }
    int from = 1;
    int to = 1;
    long timesWindow = -1;
    if (looping || times) {
      if (q.times().isEmpty() && times) {
        throw error(qPath + ".times", "a TIMES quantifier needs times.from and times.to");
      }
      Times t = q.times().orElse(new Times(1, 1, java.util.Optional.empty()));
      from = t.from();
      to = looping ? from : t.to();
      if (times && from == 0) {
        if (optional) {
          throw error(qPath + ".times.from", "times from 0 already makes the node optional; Flink"
              + " refuses OPTIONAL on top of it (\"Optional already applied!\")");
        }
        optional = true;
        from = 1;
      }
      if (from < 1) {
        throw error(qPath + ".times.from", "must be at least 1, was " + t.from());
      }
      if (to < from) {
        throw error(qPath + ".times.to", "must be at least times.from (" + from + "), was " + to);
      }
      timesWindow = t.windowTime().map(java.time.Duration::toMillis).orElse(-1L);
      props.add(looping ? QuantifierProperty.LOOPING : QuantifierProperty.TIMES);
    } else {
      props.add(QuantifierProperty.SINGLE);
    }
    if (optional) {
      if (previous != null && previous.has(QuantifierProperty.GREEDY)) {
        throw error(qPath, "an optional node cannot follow a greedy node (Flink: \"Optional pattern"
            + " cannot be preceded by greedy pattern\")");
      }
      props.add(QuantifierProperty.OPTIONAL);
    }
    Consuming inner = PatternStep.inner(q.innerContiguity());
    if (!(looping || times)) {
      inner = Consuming.SKIP_TILL_NEXT;
    }
    if (greedy) {
      if (node instanceof Graph) {
        throw error(
            qPath, "a group cannot be greedy (Flink: Option not applicable to group pattern)");
      }
      if (!(looping || times)) {
        throw error(qPath, "GREEDY needs a LOOPING or TIMES quantifier (Flink: Option not"
            + " applicable to singleton quantifier)");
      }
      if (inner == Consuming.SKIP_TILL_ANY) {
        throw error(qPath, "GREEDY cannot be combined with SKIP_TILL_ANY inner contiguity (Flink:"
            + " Option not applicable to FollowedByAny pattern)");
      }
      props.add(QuantifierProperty.GREEDY);
    }
    Guard until = null;
    if (q.until().isPresent()) {
      if (!looping) {
        throw error(qPath + ".untilCondition", "until is only applicable to looping nodes");
      }
      until = guards.apply(q.until().get(), qPath + ".untilCondition");
    }
    if (node instanceof AtomicNode atomic) {
      if (atomic.name().equals(NfaBuilder.ENDING_STATE_NAME)) {
        throw error(path + ".name", "the name " + NfaBuilder.ENDING_STATE_NAME + " is reserved");
      }
      if (atomic.name().contains(NfaBuilder.STATE_NAME_DELIM)) {
        throw error(path + ".name", "a node name cannot contain ':' (Flink uses it internally)");
      }
      if (!names.add(atomic.name())) {
        throw error(
            path + ".name", "duplicate node name '" + atomic.name() + "': names must be unique");
      }
      Guard condition = guards.apply(atomic.condition(), path + ".condition");
      return new PatternStep(atomic.name(), previous, consuming, inner, props, looping || times,
          from, to, timesWindow, condition, until, null, prevAndCurrent, path);
    }
    Graph group = (Graph) node;
    if (not) {
      throw error(path, "a group cannot be negated: Flink has no notNext/notFollowedBy for groups");
    }
    PatternStep inside = chain(group, path, false, -1);
    if (looping && !alwaysTakesAnEvent(inside)) {
      // Flink CEP accepts such a rule, then repeats the empty group forever on the first event
      // that reaches it, until the job runs out of memory (or, after a notFollowedBy, it
      // overflows its stack compiling it)
      throw error(qPath, "a looping group must take an event on every repetition, but every node"
          + " in it is optional or a negation, so it could repeat forever without taking one"
          + " (Flink CEP then loops until out of memory); make one of its nodes required");
    }
    return new PatternStep(PatternStep.GROUP_NAME, previous, consuming, inner, props,
        looping || times, from, to, timesWindow, null, until, inside, prevAndCurrent, path);
  }

  private static Consuming consuming(EdgeType type) {
    switch (type) {
      case STRICT:
        return Consuming.STRICT;
      case SKIP_TILL_ANY:
        return Consuming.SKIP_TILL_ANY;
      case NOT_NEXT:
        return Consuming.NOT_NEXT;
      case NOT_FOLLOW:
        return Consuming.NOT_FOLLOW;
      default:
        return Consuming.SKIP_TILL_NEXT;
    }
  }
}
