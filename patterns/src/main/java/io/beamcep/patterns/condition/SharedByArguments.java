package io.beamcep.patterns.condition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A factory whose conditions depend on their arguments alone, made to give rules of equal
 * arguments one condition object ({@link WeaklyShared}): a matcher tests an event-only condition
 * once per event for every rule holding that one object (as it does for a registered condition
 * with no arguments), where a condition per rule was one more test per rule and event. Only for
 * factories known to be pure, the built-ins: a factory registered by a user may keep state per
 * condition it makes.
 */
final class SharedByArguments implements ConditionFactory {
  private final ConditionFactory factory;
  private final WeaklyShared<List<Object>> made = new WeaklyShared<>();

  private SharedByArguments(ConditionFactory factory) {
    this.factory = factory;
  }

  static ConditionFactory of(ConditionFactory factory) {
    return new SharedByArguments(factory);
  }

  @Override
  public Condition create(List<Object> args) {
    // a copy: the caller's list may change, and arguments may be null
    List<Object> key = Collections.unmodifiableList(new ArrayList<>(args));
    return made.shared(key, () -> factory.create(args));
  }
}
