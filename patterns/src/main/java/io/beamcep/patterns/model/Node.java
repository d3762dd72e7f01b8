package io.beamcep.patterns.model;

/**
 * A node of a pattern graph: either one event pattern ({@link AtomicNode}) or a nested graph that
 * acts as a group pattern ({@link Graph}). Both carry a name and a quantifier.
 */
public sealed interface Node permits AtomicNode, Graph {
  String name();

  Quantifier quantifier();
}
