package io.beamcep.patterns.yardstick;

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
import io.beamcep.patterns.model.Times;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Writes our rule model the way one writes a Flink pattern, so a spec reads like the Flink docs:
 * {@code begin("a", "type == 'a'").followedBy("b", "type == 'b'").oneOrMore().within(...)}.
 * Quantifier methods apply to the step added last. {@link #build()} lists nodes last-to-first, as
 * the reference's JSON does, so the begin-node discovery of every consumer is exercised.
 * Strings are AVIATOR expressions. Test scope; one builder per rule.
 */
public final class PatternBuilder {
  private final List<Step> steps = new ArrayList<>();
  private Window window;
  private AfterMatch afterMatch = AfterMatch.noSkip();

  private static final class Step {
    final String name;
    final EdgeType incoming;
    final ConditionSpec condition;
    final PatternBuilder group;
    final EnumSet<QuantifierProperty> properties = EnumSet.noneOf(QuantifierProperty.class);
    Contiguity inner = Contiguity.SKIP_TILL_NEXT;
    Times times;
    ConditionSpec until;

    Step(String name, EdgeType incoming, ConditionSpec condition, PatternBuilder group) {
      this.name = name;
      this.incoming = incoming;
      this.condition = condition;
      this.group = group;
    }
  }

  private PatternBuilder() {}

  public static PatternBuilder begin(String name, String expression) {
    return begin(name, new ConditionSpec.Expression(expression));
  }

  public static PatternBuilder begin(String name, ConditionSpec condition) {
    return new PatternBuilder().add(name, null, condition, null);
  }

  public static PatternBuilder beginGroup(String name, PatternBuilder group) {
    return new PatternBuilder().add(name, null, null, group);
  }

  public PatternBuilder next(String name, String expression) {
    return next(name, new ConditionSpec.Expression(expression));
  }

  public PatternBuilder next(String name, ConditionSpec condition) {
    return add(name, EdgeType.STRICT, condition, null);
  }

  public PatternBuilder followedBy(String name, String expression) {
    return followedBy(name, new ConditionSpec.Expression(expression));
  }

  public PatternBuilder followedBy(String name, ConditionSpec condition) {
    return add(name, EdgeType.SKIP_TILL_NEXT, condition, null);
  }

  public PatternBuilder followedByAny(String name, String expression) {
    return followedByAny(name, new ConditionSpec.Expression(expression));
  }

  public PatternBuilder followedByAny(String name, ConditionSpec condition) {
    return add(name, EdgeType.SKIP_TILL_ANY, condition, null);
  }

  public PatternBuilder notNext(String name, String expression) {
    return notNext(name, new ConditionSpec.Expression(expression));
  }

  public PatternBuilder notNext(String name, ConditionSpec condition) {
    return add(name, EdgeType.NOT_NEXT, condition, null);
  }

  public PatternBuilder notFollowedBy(String name, String expression) {
    return notFollowedBy(name, new ConditionSpec.Expression(expression));
  }

  public PatternBuilder notFollowedBy(String name, ConditionSpec condition) {
    return add(name, EdgeType.NOT_FOLLOW, condition, null);
  }

  /** A nested group joined with {@code type} (STRICT, SKIP_TILL_NEXT or SKIP_TILL_ANY). */
  public PatternBuilder group(EdgeType type, String name, PatternBuilder group) {
    return add(name, type, null, group);
  }

  public PatternBuilder oneOrMore() {
    last().properties.add(QuantifierProperty.LOOPING);
    return this;
  }

  public PatternBuilder timesOrMore(int from) {
    return timesOrMore(from, null);
  }

  public PatternBuilder timesOrMore(int from, Duration windowTime) {
    last().properties.add(QuantifierProperty.LOOPING);
    last().times = new Times(from, from, Optional.ofNullable(windowTime));
    return this;
  }

  public PatternBuilder times(int count) {
    return times(count, count, null);
  }

  public PatternBuilder times(int from, int to) {
    return times(from, to, null);
  }

  public PatternBuilder times(int from, int to, Duration windowTime) {
    last().properties.add(QuantifierProperty.TIMES);
    last().times = new Times(from, to, Optional.ofNullable(windowTime));
    return this;
  }

  public PatternBuilder optional() {
    last().properties.add(QuantifierProperty.OPTIONAL);
    return this;
  }

  public PatternBuilder greedy() {
    last().properties.add(QuantifierProperty.GREEDY);
    return this;
  }

  public PatternBuilder consecutive() {
    last().inner = Contiguity.STRICT;
    return this;
  }

  public PatternBuilder allowCombinations() {
    last().inner = Contiguity.SKIP_TILL_ANY;
    return this;
  }

  public PatternBuilder until(String expression) {
    last().until = new ConditionSpec.Expression(expression);
    return this;
  }

  public PatternBuilder within(Duration size) {
    return within(size, WindowType.FIRST_AND_LAST);
  }

  public PatternBuilder within(Duration size, WindowType type) {
    window = new Window(type, size);
    return this;
  }

  public PatternBuilder afterMatch(AfterMatchType type) {
    afterMatch = new AfterMatch(type, Optional.empty());
    return this;
  }

  public PatternBuilder afterMatch(AfterMatchType type, String patternName) {
    afterMatch = new AfterMatch(type, Optional.of(patternName));
    return this;
  }

  public Graph build() {
    return graph(steps.get(steps.size() - 1).name, Quantifier.single());
  }

  private Graph graph(String name, Quantifier quantifier) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step step = steps.get(i);
      nodes.add(node(step));
      if (i > 0) {
        edges.add(new Edge(steps.get(i - 1).name, step.name, step.incoming));
      }
    }
    return new Graph(name, quantifier, nodes, edges, Optional.ofNullable(window), afterMatch);
  }

  private static Node node(Step step) {
    // Like Flink's Quantifier: a step that neither loops nor repeats a fixed number of times is
    // SINGLE, also when optional or greedy (the reference writes ["SINGLE", "OPTIONAL"]).
    EnumSet<QuantifierProperty> properties = EnumSet.copyOf(step.properties);
    if (!properties.contains(QuantifierProperty.LOOPING)
        && !properties.contains(QuantifierProperty.TIMES)) {
      properties.add(QuantifierProperty.SINGLE);
    }
    Quantifier quantifier =
        new Quantifier(
            step.inner,
            properties,
            Optional.ofNullable(step.times),
            Optional.ofNullable(step.until));
    if (step.group != null) {
      return step.group.graph(step.name, quantifier);
    }
    return new AtomicNode(step.name, quantifier, step.condition);
  }

  private PatternBuilder add(
      String name, EdgeType incoming, ConditionSpec condition, PatternBuilder group) {
    steps.add(new Step(name, incoming, condition, group));
    return this;
  }

  private Step last() {
    return steps.get(steps.size() - 1);
  }
}
