package io.beamcep.runners.bench.flinkcep;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.condition.MatchContext;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Times;
import java.util.ArrayList;
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
 * Turns one rule row into a native Flink CEP 1.19 {@link Pattern} that can travel in a Flink job.
 * The translation is the yardstick's (patterns test {@code FlinkPatternTranslator}, proven equal
 * to Flink on the five scenarios); what differs is the conditions: our compiled conditions are not
 * serializable, so each Flink condition carries the rule row text and the ordinal of its condition
 * in translation order, and compiles the rule's conditions on first use inside the Flink task.
 */
public final class RulePatternTranslator {

  private final String ruleRowJson;
  private final ConditionRegistry registry;
  private final List<Condition> compiled;
  private int nextOrdinal;

  private RulePatternTranslator(String ruleRowJson, List<Condition> compiled) {
    this.ruleRowJson = ruleRowJson;
    this.compiled = compiled;
    this.registry = compiled == null ? null : ConditionRegistry.defaults();
  }

  /** The Flink pattern of one rule row ({@code {"id":..,"pattern":..}} as a JSON object). */
  public static Pattern<Event, ?> translate(String ruleRowJson) {
    return new RulePatternTranslator(ruleRowJson, null).translate(rule(ruleRowJson).pattern());
  }

  /** The rule's compiled conditions, in the order {@link #translate(String)} wraps them. */
  static List<Condition> conditionsOf(String ruleRowJson) {
    List<Condition> conditions = new ArrayList<>();
    new RulePatternTranslator(ruleRowJson, conditions).translate(rule(ruleRowJson).pattern());
    return conditions;
  }

  private static Rule rule(String ruleRowJson) {
    return RuleJson.parseRuleRows("[" + ruleRowJson + "]").get(0);
  }

  private Pattern<Event, ?> translate(Graph graph) {
    return chain(graph, "$.pattern", skipStrategy(graph.afterMatch()));
  }

  private Pattern<Event, ?> chain(Graph graph, String path, AfterMatchSkipStrategy skip) {
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
    Pattern<Event, ?> result;
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
    return typed.where(wrap(atomic.condition(), path + ".condition"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Pattern<Event, ?> quantify(Pattern<Event, ?> pattern, Quantifier quantifier, String path) {
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
      raw.until(wrap(quantifier.until().get(), path + ".quantifier.untilCondition"));
    }
    return raw;
  }

  private IterativeCondition<Event> wrap(ConditionSpec spec, String path) {
    int ordinal = nextOrdinal++;
    if (compiled != null) {
      compiled.add(registry.compile(spec, path));
    }
    return new OurCondition(ruleRowJson, ordinal);
  }

  /** Node indexes from the begin node (the one no edge targets) along the edges. */
  private static List<Integer> chainOrder(Graph graph, String path) {
    Map<String, Integer> indexByName = new java.util.HashMap<>();
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

  /** Our condition seen through Flink's iterative-condition interface. */
  private static final class OurCondition extends IterativeCondition<Event> {
    private static final long serialVersionUID = 1L;
    private final String ruleRowJson;
    private final int ordinal;
    private transient Condition condition;

    OurCondition(String ruleRowJson, int ordinal) {
      this.ruleRowJson = ruleRowJson;
      this.ordinal = ordinal;
    }

    @Override
    public boolean filter(Event event, Context<Event> flink) {
      if (condition == null) {
        condition = conditionsOf(ruleRowJson).get(ordinal);
      }
      return condition.test(event, new FlinkMatchContext(flink));
    }
  }

  private record FlinkMatchContext(IterativeCondition.Context<Event> flink)
      implements MatchContext {
    @Override
    public List<Event> eventsForPattern(String patternName) {
      List<Event> events = new ArrayList<>();
      try {
        flink.getEventsForPattern(patternName).forEach(events::add);
      } catch (Exception e) {
        throw new IllegalStateException("Flink could not list events of " + patternName, e);
      }
      return events;
    }

    @Override
    public long timestamp() {
      return flink.timestamp();
    }
  }
}
