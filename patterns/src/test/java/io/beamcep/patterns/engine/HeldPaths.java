package io.beamcep.patterns.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** What a key state's partial matches hold of their paths, against what their nodes keep alive. */
final class HeldPaths {
  private HeldPaths() {}

  /** The nodes of every partial match's own chain, each walked down to its start. */
  static Set<PathNode> held(KeyState state) {
    Set<PathNode> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (RuleState rule : state.ruleStateList()) {
      for (ComputationState computation : computations(rule)) {
        EventId start = computation.startEventId;
        for (PathNode node = computation.path; node != null; node = node.before(start)) {
          nodes.add(node);
        }
      }
    }
    return nodes;
  }

  /** Every node reachable from a partial match, following links to the end. */
  static Set<PathNode> reachable(KeyState state) {
    Set<PathNode> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (RuleState rule : state.ruleStateList()) {
      for (ComputationState computation : computations(rule)) {
        for (PathNode node = computation.path; node != null; node = node.previous) {
          nodes.add(node);
        }
      }
    }
    return nodes;
  }

  private static Iterable<ComputationState> computations(RuleState rule) {
    java.util.List<ComputationState> all = new java.util.ArrayList<>();
    rule.partialMatches().forEach(all::add);
    if (rule.hasCompletedMatches()) {
      rule.completedMatches().forEach(all::add);
    }
    return all;
  }
}
