package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables an Aviator expression sees: a read-only view over the event's fields (nothing is
 * copied), plus the match context under a key no expression can spell, for our functions.
 *
 * <p>A dotted name such as {@code user.country} reads into nested JSON objects: property syntax
 * sugar is switched off in the sandbox (it would let expressions call getters on any object), so
 * the dots reach this map as part of the name.
 */
final class EventEnv extends AbstractMap<String, Object> {
  /** Contains a NUL character, which Aviator's lexer never puts into an identifier. */
  static final String CONTEXT_KEY = "\u0000beamcep.matchContext";

  private final Map<String, Object> fields;
  private final MatchContext context;

  EventEnv(Event event, MatchContext context) {
    this.fields = event.fields();
    this.context = context;
  }

  static MatchContext context(Map<String, Object> env) {
    Object context = env.get(CONTEXT_KEY);
    if (context instanceof MatchContext matchContext) {
      return matchContext;
    }
    throw new IllegalStateException("no match context: this function only works inside a rule");
  }

  @Override
  public Object get(Object key) {
    Object value = fields.get(key);
    if (value != null || !(key instanceof String name)) {
      return value;
    }
    if (CONTEXT_KEY.equals(name)) {
      return context;
    }
    return name.indexOf('.') > 0 ? nested(name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null || fields.containsKey(key);
  }

  private Object nested(String path) {
    Object current = fields;
    int start = 0;
    while (start <= path.length()) {
      int dot = path.indexOf('.', start);
      int end = dot < 0 ? path.length() : dot;
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(path.substring(start, end));
      if (dot < 0) {
        return current;
      }
      start = dot + 1;
    }
    return null;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return fields.entrySet();
  }

  @Override
  public Object put(String key, Object value) {
    throw new UnsupportedOperationException("conditions cannot change an event");
  }
}
