package io.beamcep.patterns.condition;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Conditions made once per key (an expression's text, a factory's arguments, a combination's
 * parts) and handed to every rule that asks for the same key, so that a matcher, which tests an
 * event-only condition once per event for all the rules holding that one object, tests it once.
 *
 * <p>What a rule holds is the condition beneath its event-only declaration (the registry drops
 * that wrapper), so that is what is kept, weakly: it stays shared as long as a rule holds it, and
 * the conditions of deleted rule versions can be collected. Two threads making one key at once
 * may each make their own; the rules then only miss the sharing.
 *
 * @param <K> the key; compared by {@code equals}
 */
final class WeaklyShared<K> {
  /** A condition made, held weakly, its key and whether it was declared event-only. */
  private static final class Made extends WeakReference<Condition> {
    final Object key;
    final boolean eventOnly;

    Made(Object key, Condition condition, boolean eventOnly, ReferenceQueue<Condition> cleared) {
      super(condition, cleared);
      this.key = key;
      this.eventOnly = eventOnly;
    }
  }

  private final Map<Object, Made> byKey = new ConcurrentHashMap<>();
  /** Where the collector puts the entries whose condition it cleared, to be removed. */
  private final ReferenceQueue<Condition> cleared = new ReferenceQueue<>();

  /**
   * The condition held for {@code key}, declared as it was made, else the one {@code make} makes,
   * kept for {@code key} from here (what {@code make} throws reaches the caller, and nothing is
   * kept).
   */
  Condition shared(K key, Supplier<Condition> make) {
    Condition known = get(key);
    return known != null ? known : remember(key, make.get());
  }

  /** The condition made for {@code key}, declared as it was made; null when none is held. */
  private Condition get(K key) {
    Made known = byKey.get(key);
    Condition condition = known == null ? null : known.get();
    if (condition == null) {
      return null;
    }
    return known.eventOnly ? Condition.eventOnly(condition) : condition;
  }

  /** Keeps {@code made} for {@code key}, replacing what was kept, and returns it. */
  private Condition remember(K key, Condition made) {
    // only the entries cleared since: a rule table's thousands of keys are not walked per rule
    Reference<? extends Condition> gone;
    while ((gone = cleared.poll()) != null) {
      Made entry = (Made) gone;
      byKey.remove(entry.key, entry);
    }
    boolean eventOnly = made instanceof Condition.EventOnly;
    byKey.put(key, new Made(key, undeclared(made), eventOnly, cleared));
    return made;
  }

  /**
   * {@code condition} without its event-only declaration: what the registry keeps of it. A
   * declaration that also says what the condition requires is kept, since nothing else says it.
   */
  static Condition undeclared(Condition condition) {
    return condition instanceof Condition.EventOnly declared && declared.required() == null
        ? declared.condition()
        : condition;
  }
}
