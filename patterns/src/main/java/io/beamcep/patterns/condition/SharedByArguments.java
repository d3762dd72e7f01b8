package io.beamcep.patterns.condition;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A factory whose conditions depend on their arguments alone, made to give rules of equal
 * arguments one condition object: a matcher tests an event-only condition once per event for
 * every rule holding that one object (as it does for a registered condition with no arguments),
 * where a condition per rule was one more test per rule and event. Only for factories known to
 * be pure, the built-ins: a factory registered by a user may keep state per condition it makes.
 *
 * <p>What a rule holds is the condition beneath the event-only declaration (the registry drops
 * that wrapper), so that is what is kept, weakly: it stays shared as long as a rule holds it, and
 * the conditions of deleted rule versions can be collected.
 */
final class SharedByArguments implements ConditionFactory {
  /** A condition made, held weakly, and whether it was declared event-only. */
  private static final class Made extends WeakReference<Condition> {
    final boolean eventOnly;

    Made(Condition condition, boolean eventOnly) {
      super(condition);
      this.eventOnly = eventOnly;
    }
  }

  private final ConditionFactory factory;
  private final Map<List<Object>, Made> byArguments = new ConcurrentHashMap<>();

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
    Made known = byArguments.get(key);
    Condition condition = known == null ? null : known.get();
    if (condition != null) {
      return known.eventOnly ? Condition.eventOnly(condition) : condition;
    }
    Condition made = factory.create(args);
    boolean eventOnly = made instanceof Condition.EventOnly;
    Condition held = made instanceof Condition.EventOnly declared ? declared.condition() : made;
    byArguments.values().removeIf(entry -> entry.get() == null);
    byArguments.put(key, new Made(held, eventOnly));
    return made;
  }
}
