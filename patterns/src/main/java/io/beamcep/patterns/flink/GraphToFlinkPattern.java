package io.beamcep.patterns.flink;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * The yardstick translation: our rule graph as a native Flink CEP 1.19 {@link Pattern}, the way
 * the reference's {@code GraphSpec.toPattern} does it, but without its gaps: group quantifiers are
 * applied and TIMES keeps its window time. The parity tests run it against our engine, and
 * {@code cep bench --engine flink-cep} runs it in a real Flink job, so both measure the same
 * translation. How conditions are wrapped is left to a {@link FlinkConditions}.
 *
 * <p>Flink's own validation is left to Flink: whatever its builder or compiler refuses surfaces as
 * its {@code MalformedPatternException}.
 *
 * <p>This package is the only place in patterns that uses Flink, and Flink is an optional
 * dependency: embedders of patterns that never call it do not inherit Flink.
 */
public final class GraphToFlinkPattern {

  private final FlinkConditions conditions;

  public GraphToFlinkPattern(FlinkConditions conditions) {
    this.conditions = conditions;
  }

  /** The Flink pattern of {@code graph}, the top-level pattern of a rule ({@code $.pattern}). */
  public Pattern<Event, ?> translate(Graph graph) {
    return new Translation().chain(graph, "$.pattern", skipStrategy(graph.afterMatch()));
  }

  /**
   * One call of {@link #translate}: numbers the conditions from 0 so the translator is reusable.
   */
  private final class Translation {
    private int nextOrdinal;

    Pattern<Event, ?> chain(Graph graph, String path, AfterMatchSkipStrategy skip) {
      Pattern<Event, ?> pattern = null;
      EdgeType incoming = null;
      for (int index : chainOrder(graph, path)) {
        Node node = graph.nodes().get(index);
        String nodePath = path + ".nodes[" + index + "]";
        pattern = append(pattern, incoming, node, nodePath, skip);
        pattern = quantify(pattern, node.quantifier(), nodePath);
        incoming = outgoingType(graph, node.name());
      }
      if (graph.window().isPresent()) {
        pattern =
            pattern.within(
                graph.window().get().size(),
                WithinType.valueOf(graph.window().get().type().name()));
      }
      return pattern;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Pattern<Event, ?> append(
        Pattern<Event, ?> previous,
        EdgeType edge,
        Node node,
        String path,
        AfterMatchSkipStrategy skip) {
      if (node instanceof Graph group) {
        // A nested graph is a group pattern; the skip strategy belongs to the outermost pattern.
        Pattern inner = chain(group, path, AfterMatchSkipStrategy.noSkip());
        if (previous == null) {
          return Pattern.begin(inner, skip);
        }
        Pattern raw = previous;
        return switch (edge) {
          case STRICT -> raw.next(inner);
          case SKIP_TILL_NEXT -> raw.followedBy(inner);
          case SKIP_TILL_ANY -> raw.followedByAny(inner);
          case NOT_NEXT, NOT_FOLLOW ->
              throw new UnsupportedOperationException(
                  path + ": Flink CEP has no negated group pattern (" + edge + ")");
        };
      }
      AtomicNode atomic = (AtomicNode) node;
      String name = atomic.name();
      Pattern<Event, ?> result;
      if (previous == null) {
        result = Pattern.<Event>begin(name, skip);
      } else {
        result =
            switch (edge) {
              case STRICT -> previous.next(name);
              case SKIP_TILL_NEXT -> previous.followedBy(name);
              case SKIP_TILL_ANY -> previous.followedByAny(name);
              case NOT_NEXT -> previous.notNext(name);
              case NOT_FOLLOW -> previous.notFollowedBy(name);
            };
      }
      Pattern<Event, Event> typed = (Pattern<Event, Event>) result;
      return typed.where(condition(atomic.condition(), path + ".condition"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Pattern<Event, ?> quantify(
        Pattern<Event, ?> pattern, Quantifier quantifier, String path) {
      Pattern raw = pattern;
      Times times = quantifier.times().orElse(null);
      if (quantifier.isLooping()) {
        if (times == null) {
          raw.oneOrMore();
        } else if (times.windowTime().isPresent()) {
          raw.timesOrMore(times.from(), times.windowTime().get());
        } else {
          raw.timesOrMore(times.from());
        }
      } else if (quantifier.isTimes()) {
        if (times == null) {
          throw new IllegalArgumentException(path + ".quantifier.times: TIMES needs from/to");
        }
        if (times.windowTime().isPresent()) {
          raw.times(times.from(), times.to(), times.windowTime().get());
        } else {
          raw.times(times.from(), times.to());
        }
      }
      if (quantifier.isLooping() || quantifier.isTimes()) {
        if (quantifier.innerContiguity() == Contiguity.STRICT) {
          raw.consecutive();
        } else if (quantifier.innerContiguity() == Contiguity.SKIP_TILL_ANY) {
          raw.allowCombinations();
        }
      }
      if (quantifier.isOptional()) {
        raw.optional();
      }
      if (quantifier.isGreedy()) {
        raw.greedy();
      }
      if (quantifier.until().isPresent()) {
        raw.until(condition(quantifier.until().get(), path + ".quantifier.untilCondition"));
      }
      return raw;
    }

    private IterativeCondition<Event> condition(ConditionSpec spec, String path) {
      return conditions.condition(spec, path, nextOrdinal++);
    }
  }

  /** Node indexes from the begin node (the one no edge targets) along the edges. */
  private static List<Integer> chainOrder(Graph graph, String path) {
    Map<String, Integer> indexByName = new HashMap<>();
    for (int i = 0; i < graph.nodes().size(); i++) {
      indexByName.put(graph.nodes().get(i).name(), i);
    }
    Set<String> targets =
        graph.edges().stream().map(Edge::target).collect(Collectors.toCollection(HashSet::new));
    List<String> begins =
        graph.nodes().stream().map(Node::name).filter(n -> !targets.contains(n)).toList();
    if (begins.size() != 1) {
      throw new IllegalArgumentException(path + ": expected one begin node, found " + begins);
    }
    Map<String, String> next =
        graph.edges().stream().collect(Collectors.toMap(Edge::source, Edge::target));
    List<Integer> order = new ArrayList<>();
    for (String name = begins.get(0); name != null; name = next.get(name)) {
      Integer index = indexByName.get(name);
      if (index == null || order.contains(index)) {
        throw new IllegalArgumentException(path + ": edges do not form a chain at " + name);
      }
      order.add(index);
    }
    if (order.size() != graph.nodes().size()) {
      throw new IllegalArgumentException(path + ": nodes not on the edge chain");
    }
    return order;
  }

  private static EdgeType outgoingType(Graph graph, String source) {
    return graph.edges().stream()
        .filter(e -> e.source().equals(source))
        .map(Edge::type)
        .findFirst()
        .orElse(null);
  }

  static AfterMatchSkipStrategy skipStrategy(AfterMatch afterMatch) {
    Function<String, String> name =
        type ->
            afterMatch
                .patternName()
                .orElseThrow(
                    () -> new IllegalArgumentException(type + " needs afterMatch patternName"));
    return switch (afterMatch.type()) {
      case NO_SKIP -> AfterMatchSkipStrategy.noSkip();
      case SKIP_TO_NEXT -> AfterMatchSkipStrategy.skipToNext();
      case SKIP_PAST_LAST_EVENT -> AfterMatchSkipStrategy.skipPastLastEvent();
      case SKIP_TO_FIRST -> AfterMatchSkipStrategy.skipToFirst(name.apply("SKIP_TO_FIRST"));
      case SKIP_TO_LAST -> AfterMatchSkipStrategy.skipToLast(name.apply("SKIP_TO_LAST"));
    };
  }
}
