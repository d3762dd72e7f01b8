package io.beamcep.patterns.engine;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AfterMatchType;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.Edge;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.Window;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Test fixtures: events {@code type + id}, conditions {@code type == X} as Named("type", [X]),
 * and a small builder for chain patterns.
 */
final class Rules {
  private Rules() {}

  static final RuleCompiler COMPILER = RuleCompiler.withResolver(Rules::resolve);

  static Condition resolve(ConditionSpec spec, String path) {
    if (spec instanceof ConditionSpec.Named named && named.className().equals("type")) {
      Object wanted = named.args().get(0);
      return (event, context) -> wanted.equals(event.get("type"));
    }
    if (spec instanceof ConditionSpec.Always) {
      return (event, context) -> true;
    }
    throw new IllegalArgumentException("test resolver does not know " + spec);
  }

  static ConditionSpec type(String type) {
    return new ConditionSpec.Named("type", List.of(type));
  }

  static Quantifier single() {
    return Quantifier.single();
  }

  static Quantifier q(Contiguity inner, int from, int to, QuantifierProperty... props) {
    EnumSet<QuantifierProperty> set = EnumSet.noneOf(QuantifierProperty.class);
    set.addAll(List.of(props));
    return new Quantifier(inner, set, Optional.of(new Times(from, to, Optional.empty())),
        Optional.empty());
  }

  static Quantifier optional() {
    return new Quantifier(Contiguity.SKIP_TILL_NEXT,
        EnumSet.of(QuantifierProperty.SINGLE, QuantifierProperty.OPTIONAL), Optional.empty(),
        Optional.empty());
  }

  static AtomicNode node(String name, String type) {
    return new AtomicNode(name, single(), type(type));
  }

  static AtomicNode node(String name, String type, Quantifier quantifier) {
    return new AtomicNode(name, quantifier, type(type));
  }

  /** A chain: nodes[0] begins, edges[i] links nodes[i] to nodes[i+1]. */
  static Graph chain(List<Node> nodes, List<EdgeType> edges, Optional<Window> window,
      AfterMatch skip) {
    List<Edge> links = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      links.add(new Edge(nodes.get(i).name(), nodes.get(i + 1).name(), edges.get(i)));
    }
    return new Graph(nodes.get(nodes.size() - 1).name(), single(), nodes, links, window, skip);
  }

  static CompiledRule compile(Graph graph) {
    return COMPILER.compile(new Rule("r", 1, graph, null));
  }

  static Event event(String type, int id) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", type);
    fields.put("id", (long) id);
    return Event.of(fields);
  }

  /** Runs "a1 b2 ..." (type letter + id; timestamp = id * 1000) and renders every result. */
  static List<String> run(CompiledRule rule, String events, long finalTime) {
    Matcher matcher = Matcher.of(List.of(rule));
    KeyState state = KeyState.empty();
    List<String> out = new ArrayList<>();
    for (String token : events.trim().split("\\s+")) {
      int id = Integer.parseInt(token.substring(1));
      out.addAll(render(matcher.process(state, event(token.substring(0, 1), id), id * 1000L)));
    }
    out.addAll(render(matcher.advanceTime(state, finalTime)));
    return out;
  }

  static List<String> render(List<Match> matches) {
    List<String> out = new ArrayList<>();
    for (Match match : matches) {
      String body = match.events().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue().stream()
              .map(ev -> ev.get("type").toString() + ev.get("id"))
              .collect(Collectors.joining(",")))
          .collect(Collectors.joining(" "));
      out.add((match.kind() == Match.Kind.TIMEOUT ? "TIMEOUT " : "") + body);
    }
    return out;
  }

  /**
   * "held": a followedBy b under SKIP_PAST_LAST_EVENT, where b must be the event right after its a
   * (b.id = a.id + 1, a condition reading the match). Events a1 a2 b3 complete a2 b3 while a1's
   * partial match stays open, so the skip strategy holds that match back until a1's ends.
   */
  static CompiledRule bRightAfterItsA(Optional<Window> window) {
    RuleCompiler compiler = RuleCompiler.withResolver((spec, path) -> {
      Object wanted = ((ConditionSpec.Named) spec).args().get(0);
      if (!"b".equals(wanted)) {
        return Condition.eventOnly((event, context) -> wanted.equals(event.get("type")));
      }
      return (event, context) -> "b".equals(event.get("type"))
          && (long) event.get("id") == (long) context.eventsForPattern("a").get(0).get("id") + 1;
    });
    AfterMatch skipPastLast = new AfterMatch(AfterMatchType.SKIP_PAST_LAST_EVENT, Optional.empty());
    return compiler.compile(new Rule("held", 1, chain(List.of(node("a", "a"), node("b", "b")),
        List.of(EdgeType.SKIP_TILL_NEXT), window, skipPastLast), null));
  }
}
