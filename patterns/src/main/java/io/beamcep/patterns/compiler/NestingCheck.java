package io.beamcep.patterns.compiler;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.model.AtomicNode;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Node;
import io.beamcep.patterns.model.Quantifier;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.RuleLimits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Refuses a rule nested deeper than {@link RuleLimits#MAX_NESTING} before the compiler's recursive
 * passes meet it. The JSON reader refuses such rules already; this covers models built in code.
 * It walks with a stack of its own, so the check itself cannot overflow.
 */
final class NestingCheck {
  private NestingCheck() {}

  /** One element still to visit: a graph or a condition, its path and its depth. */
  private record Pending(Object element, String path, int depth) {}

  static void check(Rule rule) {
    Deque<Pending> pending = new ArrayDeque<>();
    pending.push(new Pending(rule.pattern(), "$.pattern", 0));
    while (!pending.isEmpty()) {
      Pending next = pending.pop();
      if (next.element() instanceof Graph graph) {
        if (next.depth() > RuleLimits.MAX_NESTING) {
          throw error(rule, next.path(), RuleLimits.groupsTooDeep(next.depth()));
        }
        pushUntil(pending, graph.quantifier(), next.path());
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
          String path = next.path() + ".nodes[" + i + "]";
          if (nodes.get(i) instanceof AtomicNode atomic) {
            pending.push(new Pending(atomic.condition(), path + ".condition", 1));
            pushUntil(pending, atomic.quantifier(), path);
          } else {
            pending.push(new Pending(nodes.get(i), path, next.depth() + 1));
          }
        }
      } else {
        ConditionSpec condition = (ConditionSpec) next.element();
        if (next.depth() > RuleLimits.MAX_NESTING) {
          throw error(rule, next.path(), RuleLimits.conditionsTooDeep(next.depth()));
        }
        List<ConditionSpec> nested = condition instanceof ConditionSpec.And and
            ? and.conditions()
            : condition instanceof ConditionSpec.Or or
                ? or.conditions()
                : condition instanceof ConditionSpec.Not not ? List.of(not.condition()) : List.of();
        for (int i = nested.size() - 1; i >= 0; i--) {
          pending.push(new Pending(
              nested.get(i), next.path() + ".nestedConditions[" + i + "]", next.depth() + 1));
        }
      }
    }
  }

  private static void pushUntil(Deque<Pending> pending, Quantifier quantifier, String nodePath) {
    quantifier.until().ifPresent(until ->
        pending.push(new Pending(until, nodePath + ".quantifier.untilCondition", 1)));
  }

  private static RuleException error(Rule rule, String path, String reason) {
    return new RuleException(rule.id(), rule.version(), path, reason);
  }
}
