package io.beamcep.patterns.compiler;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionErrors;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.WindowType;
import io.beamcep.patterns.nfa.Guard;
import io.beamcep.patterns.nfa.Nfa;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Validates a parsed rule and compiles it to an immutable automaton with Flink CEP 1.19 semantics.
 * Every rule Flink refuses is refused here too, with a {@link RuleException} naming the JSON path.
 */
public final class RuleCompiler {
  /**
   * Compiles one condition of a rule: its spec, its JSON path, and the rule's error count, which
   * the condition returned must add to whenever it throws while testing an event (counting as
   * false). Null when it cannot be compiled.
   */
  private interface Resolver {
    Condition resolve(ConditionSpec spec, String path, ConditionErrors errors);
  }

  private final Resolver resolver;

  public RuleCompiler(ConditionRegistry conditions) {
    Objects.requireNonNull(conditions, "conditions");
    this.resolver = conditions::compile;
  }

  private RuleCompiler(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * A compiler resolving condition specs with {@code resolver} (spec, JSON path) instead of a
   * registry: for tests and embedders with their own conditions.
   */
  public static RuleCompiler withResolver(BiFunction<ConditionSpec, String, Condition> resolver) {
    Objects.requireNonNull(resolver, "resolver");
    return new RuleCompiler((spec, path, errors) -> {
      Condition condition = resolver.apply(spec, path);
      return condition == null ? null : ConditionRegistry.countingErrors(condition, path, errors);
    });
  }

  /**
   * Compiles {@code rule}, or refuses it with every condition that does not compile and the first
   * problem of its structure ({@link RuleException#problems}): a structural problem makes the
   * checks after it meaningless, but each condition compiles on its own.
   */
  public CompiledRule compile(Rule rule) throws RuleException {
    NestingCheck.check(rule); // before the passes below recurse once per level
    ConditionErrors errors = new ConditionErrors();
    Guards guards = new Guards(rule, errors);
    CompiledRule compiled;
    try {
      compiled = build(rule, guards, errors);
    } catch (RuleException structural) {
      guards.problems.add(structural);
      guards.resolveUnseen(rule.pattern().nodes(), "$.pattern");
      throw RuleException.all(guards.problems);
    }
    if (!guards.problems.isEmpty()) {
      throw RuleException.all(guards.problems);
    }
    return compiled;
  }

  /**
   * The conditions of one rule as the chain asks for them. A condition that does not compile is
   * recorded and stands in as never true, so that compiling goes on to the checks after it; the
   * rule is refused in the end.
   */
  private final class Guards implements BiFunction<Object, String, Guard> {
    final List<RuleException> problems = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Rule rule;
    private final ConditionErrors errors;

    Guards(Rule rule, ConditionErrors errors) {
      this.rule = rule;
      this.errors = errors;
    }

    @Override
    public Guard apply(Object spec, String path) {
      seen.add(path);
      try {
        return guard(rule, (ConditionSpec) spec, path, errors);
      } catch (RuleException problem) {
        problems.add(problem);
        return Guard.of(describe((ConditionSpec) spec), (event, context) -> false);
      }
    }

    /** Resolves the conditions the chain did not reach before a problem of its structure. */
    void resolveUnseen(List<Node> nodes, String graphPath) {
      for (int i = 0; i < nodes.size(); i++) {
        Node node = nodes.get(i);
        String path = graphPath + ".nodes[" + i + "]";
        String untilPath = path + ".quantifier.untilCondition";
        if (node.quantifier().until().isPresent() && !seen.contains(untilPath)) {
          apply(node.quantifier().until().get(), untilPath);
        }
        if (node instanceof AtomicNode atomic && !seen.contains(path + ".condition")) {
          apply(atomic.condition(), path + ".condition");
        } else if (node instanceof Graph group) {
          resolveUnseen(group.nodes(), path);
        }
      }
    }
  }

  private static CompiledRule build(Rule rule, Guards guards, ConditionErrors errors) {
    PatternChain chain = new PatternChain(rule, guards);
    PatternStep last = chain.build();
    long windowTime = 0;
    if (rule.pattern().window().isPresent()
        && rule.pattern().window().get().type() == WindowType.FIRST_AND_LAST) {
      windowTime = rule.pattern().window().get().size().toMillis();
    }
    checkSkipStrategy(chain, rule);
    NfaBuilder builder = new NfaBuilder(last, windowTime, chain::error);
    builder.build();
    if (builder.windowTime() > 0) {
      for (Map.Entry<String, Long> entry : builder.windowTimes().entrySet()) {
        if (entry.getValue() > builder.windowTime()) {
          throw chain.error(
              "$.pattern.window",
              "the gap allowed between two repetitions of '"
                  + NfaBuilder.originalName(entry.getKey())
                  + "' cannot be larger than the pattern's window");
        }
      }
    }
    Nfa nfa =
        new Nfa(builder.states(), builder.windowTime(), builder.windowTimes(),
            rule.pattern().afterMatch());
    return new CompiledRule(rule, nfa, errors);
  }

  /** Flink looks the name up among the top-level patterns only (a group is "GroupPattern"). */
  private static void checkSkipStrategy(PatternChain chain, Rule rule) {
    AfterMatch skip = rule.pattern().afterMatch();
    switch (skip.type()) {
      case SKIP_TO_FIRST:
      case SKIP_TO_LAST:
        break;
      default:
        return;
    }
    String name = skip.patternName().orElse(null);
    if (name == null) {
      throw chain.error("$.pattern.afterMatchStrategy.patternName",
          skip.type() + " needs the name of a node to skip to");
    }
    for (Node node : rule.pattern().nodes()) {
      if (node instanceof AtomicNode && node.name().equals(name)) {
        return;
      }
    }
    throw chain.error("$.pattern.afterMatchStrategy.patternName",
        "the node '" + name + "' to skip to is not a top-level node of this pattern");
  }

  private Guard guard(Rule rule, ConditionSpec spec, String path, ConditionErrors errors) {
    Condition condition;
    try {
      // a condition that throws is false for that event, counted so operators can see it
      condition = resolver.resolve(spec, path, errors);
    } catch (RuleException e) {
      throw e.ruleId() == null ? e.forRule(rule.id(), rule.version()) : e;
    }
    if (condition == null) {
      throw new RuleException(rule.id(), rule.version(), path, "condition could not be compiled");
    }
    return Guard.of(describe(spec), condition);
  }

  static String describe(ConditionSpec spec) {
    if (spec instanceof ConditionSpec.Expression e) {
      return e.expression();
    } else if (spec instanceof ConditionSpec.Named n) {
      String simple = n.className().substring(n.className().lastIndexOf('.') + 1);
      return n.args().isEmpty() ? simple : simple + n.args();
    } else if (spec instanceof ConditionSpec.And a) {
      return join(a.conditions(), " && ");
    } else if (spec instanceof ConditionSpec.Or o) {
      return join(o.conditions(), " || ");
    } else if (spec instanceof ConditionSpec.Not n) {
      return "!(" + describe(n.condition()) + ")";
    }
    return "true";
  }

  private static String join(List<ConditionSpec> specs, String operator) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < specs.size(); i++) {
      text.append(i == 0 ? "" : operator).append(describe(specs.get(i)));
    }
    return text.append(')').toString();
  }
}
