package io.beamcep.patterns.condition;

import com.googlecode.aviator.runtime.function.AbstractFunction;
import com.googlecode.aviator.runtime.function.AbstractVariadicFunction;
import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorDouble;
import com.googlecode.aviator.runtime.type.AviatorFunction;
import com.googlecode.aviator.runtime.type.AviatorLong;
import com.googlecode.aviator.runtime.type.AviatorNil;
import com.googlecode.aviator.runtime.type.AviatorObject;
import com.googlecode.aviator.runtime.type.AviatorRuntimeJavaType;
import io.beamcep.patterns.event.Event;
import java.util.List;
import java.util.Map;

/**
 * Aviator functions over the events a partial match has already taken, by pattern name (what
 * Flink's {@code IterativeCondition.Context#getEventsForPattern} offers Java conditions):
 *
 * <ul>
 *   <li>{@code first(name)} / {@code last(name)}: the event as a map; nil when there is none
 *   <li>{@code first(name, field)} / {@code last(name, field)}: one field of it; nil when none
 *   <li>{@code count(name)}: how many events the pattern took
 *   <li>{@code sum|avg|min|max(name, field)}: over the numeric values of the field; absent and
 *       non-numeric values are skipped; sum of none is 0, avg/min/max of none is nil
 * </ul>
 *
 * {@code count}, {@code min} and {@code max} keep Aviator's own meaning when not called with a
 * pattern name: {@code max(1, 2)} is still 2.
 */
final class MatchFunctions {
  /** The names of the functions that read the match context. */
  static final java.util.Set<String> NAMES =
      java.util.Set.of("first", "last", "count", "sum", "avg", "min", "max");

  private MatchFunctions() {}

  static List<AviatorFunction> all(
      AviatorFunction builtInCount, AviatorFunction builtInMin, AviatorFunction builtInMax) {
    return List.of(
        new Pick("first", true),
        new Pick("last", false),
        new Count(builtInCount),
        new Aggregate("sum", Kind.SUM, null),
        new Aggregate("avg", Kind.AVG, null),
        new Aggregate("min", Kind.MIN, builtInMin),
        new Aggregate("max", Kind.MAX, builtInMax));
  }

  private static List<Event> events(AviatorObject name, Map<String, Object> env) {
    return EventEnv.context(env).eventsForPattern(FunctionUtils.getStringValue(name, env));
  }

  private static boolean isText(AviatorObject arg, Map<String, Object> env) {
    return arg.getValue(env) instanceof String;
  }

  private static final class Pick extends AbstractFunction {
    private final String name;
    private final boolean first;

    Pick(String name, boolean first) {
      this.name = name;
      this.first = first;
    }

    @Override
    public String getName() {
      return name;
    }

    private Event pick(AviatorObject pattern, Map<String, Object> env) {
      List<Event> events = events(pattern, env);
      if (events.isEmpty()) {
        return null;
      }
      return first ? events.get(0) : events.get(events.size() - 1);
    }

    @Override
    public AviatorObject call(Map<String, Object> env, AviatorObject pattern) {
      Event event = pick(pattern, env);
      return event == null ? AviatorNil.NIL : AviatorRuntimeJavaType.valueOf(event.fields());
    }

    @Override
    public AviatorObject call(Map<String, Object> env, AviatorObject pattern, AviatorObject field) {
      Event event = pick(pattern, env);
      return event == null
          ? AviatorNil.NIL
          : FunctionUtils.wrapReturn(event.get(FunctionUtils.getStringValue(field, env)));
    }
  }

  private static final class Count extends AbstractFunction {
    private final AviatorFunction builtIn;

    Count(AviatorFunction builtIn) {
      this.builtIn = builtIn;
    }

    @Override
    public String getName() {
      return "count";
    }

    @Override
    public AviatorObject call(Map<String, Object> env, AviatorObject arg) {
      if (!isText(arg, env) && builtIn != null) {
        return builtIn.call(env, arg);
      }
      return AviatorLong.valueOf(events(arg, env).size());
    }
  }

  private enum Kind {
    SUM,
    AVG,
    MIN,
    MAX
  }

  private static final class Aggregate extends AbstractVariadicFunction {
    private final String name;
    private final Kind kind;
    private final AviatorFunction builtIn;

    Aggregate(String name, Kind kind, AviatorFunction builtIn) {
      this.name = name;
      this.kind = kind;
      this.builtIn = builtIn;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public AviatorObject variadicCall(Map<String, Object> env, AviatorObject... args) {
      if (args.length == 2 && isText(args[0], env)) {
        return aggregate(events(args[0], env), FunctionUtils.getStringValue(args[1], env));
      }
      if (builtIn instanceof AbstractVariadicFunction variadic) {
        return variadic.variadicCall(env, args);
      }
      throw new IllegalArgumentException(
          name
              + "(patternName, field) expects 2 arguments, the first a pattern name, but got "
              + args.length);
    }

    private AviatorObject aggregate(List<Event> events, String field) {
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int counted = 0;
      for (int i = 0; i < events.size(); i++) {
        double value = events.get(i).getDouble(field);
        if (Double.isNaN(value)) {
          continue;
        }
        counted++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      if (kind == Kind.SUM) {
        return new AviatorDouble(sum);
      }
      if (counted == 0) {
        return AviatorNil.NIL;
      }
      return new AviatorDouble(kind == Kind.AVG ? sum / counted : kind == Kind.MIN ? min : max);
    }
  }
}
