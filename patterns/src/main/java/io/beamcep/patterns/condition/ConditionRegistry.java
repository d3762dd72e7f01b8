package io.beamcep.patterns.condition;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.ServicePlugins;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns condition specs into executable conditions. CLASS conditions resolve only through names
 * registered here: a class name read from the database is never loaded. AVIATOR expressions run in
 * a sandbox (see {@link AviatorSandbox}). Immutable and thread-safe.
 */
public final class ConditionRegistry {
  /** Built on first use: a plugin that cannot be loaded fails each call with its reason. */
  private static volatile ConditionRegistry defaults;

  private final Map<String, ConditionFactory> factories;
  /** Combinations compiled, shared by the rules that combine the very same parts. */
  private final WeaklyShared<Combination> combinations = new WeaklyShared<>();
  /** Where errors go when the caller of the two-argument compile does not ask for them. */
  private final ConditionErrors uncountedErrors = new ConditionErrors();

  private ConditionRegistry(Map<String, ConditionFactory> factories) {
    this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
  }

  /**
   * The registry with the built-in e-commerce conditions under our and the reference's names, and
   * the conditions of every {@link ConditionPlugin} on this class's class path.
   *
   * @throws IllegalStateException when a plugin cannot be loaded or registers a name twice
   */
  public static ConditionRegistry defaults() {
    ConditionRegistry registry = defaults;
    if (registry == null) {
      synchronized (ConditionRegistry.class) {
        if (defaults == null) {
          defaults = builderWithDefaults().build();
        }
        registry = defaults;
      }
    }
    return registry;
  }

  /** An empty builder: only the names registered on it will resolve. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with everything {@link #defaults()} holds. */
  public static Builder builderWithDefaults() {
    return builderWithDefaults(ConditionRegistry.class.getClassLoader());
  }

  /**
   * A builder that starts with the built-in conditions and those of the {@link ConditionPlugin}s
   * that {@code plugins} finds, for a host that loads plugins apart from this library.
   *
   * @throws IllegalStateException naming the plugin, when one cannot be loaded or made, fails to
   *     register, or registers a name already registered
   */
  public static Builder builderWithDefaults(ClassLoader plugins) {
    Builder builder = new Builder();
    builder.owner = "built in";
    BuiltInConditions.registerAll(builder);
    for (ConditionPlugin plugin
        : ServicePlugins.load(ConditionPlugin.class, plugins, "a condition plugin")) {
      builder.owner = "registered by condition plugin " + plugin.getClass().getName();
      try {
        plugin.register(builder);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "condition plugin " + plugin.getClass().getName() + " failed: " + e.getMessage(), e);
      }
    }
    builder.owner = null; // what the caller registers next is its own
    return builder;
  }

  /** The registered CLASS condition names, sorted. */
  public Set<String> names() {
    return factories.keySet();
  }

  /**
   * Compiles a spec into a condition. A condition that throws while testing an event counts as
   * false (the exception never reaches the engine); use the three-argument form to count those.
   *
   * @throws RuleException (without rule id; the compiler adds it) when the name is unknown, the
   *     arguments do not fit, or an expression does not compile or is not allowed
   */
  public Condition compile(ConditionSpec spec, String jsonPath) {
    return compile(spec, jsonPath, uncountedErrors);
  }

  /**
   * Like {@link #compile(ConditionSpec, String)}, recording in {@code errors} each time the
   * condition throws while testing an event (and then counts as false), with its JSON path.
   */
  public Condition compile(ConditionSpec spec, String jsonPath, ConditionErrors errors) {
    Objects.requireNonNull(errors, "errors");
    String path = jsonPath == null ? "$" : jsonPath;
    Condition condition = compileSpec(spec, path);
    if (spec instanceof ConditionSpec.Always) {
      return condition;
    }
    return ErrorCounting.of(condition, errors, path);
  }

  /**
   * {@code condition}, made to count as false and be recorded in {@code errors}, with {@code
   * jsonPath}, whenever it throws while testing an event. A condition this registry compiled is
   * re-pointed at {@code errors} rather than wrapped again: the inner wrapper would catch first
   * and count elsewhere.
   */
  public static Condition countingErrors(Condition condition, String jsonPath,
      ConditionErrors errors) {
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(condition, "condition");
    return condition instanceof ErrorCounting counting
        ? new ErrorCounting(counting.condition(), errors, jsonPath, counting.readsMatch())
        : ErrorCounting.of(condition, errors, jsonPath);
  }

  /**
   * What {@code condition} tests beneath its error counting (itself when it counts nothing). Rules
   * compiled from one registered condition with no arguments, a built-in one with equal arguments,
   * one expression text, or one combination of such, share it, so a matcher may test it once per
   * event for all of them, counting an error on each rule ({@link #countError}).
   */
  public static Condition uncounted(Condition condition) {
    return condition instanceof ErrorCounting counting ? counting.condition() : condition;
  }

  /**
   * Counts one error on {@code condition}'s rule, as its own test counts one when it throws:
   * {@code thrown} is what the condition beneath threw.
   */
  public static void countError(Condition condition, RuntimeException thrown) {
    if (condition instanceof ErrorCounting counting) {
      counting.errors().record(counting.path(), thrown);
    }
  }

  private Condition compileSpec(ConditionSpec spec, String path) {
    if (spec instanceof ConditionSpec.Always) {
      return Condition.eventOnly((event, context) -> true);
    } else if (spec instanceof ConditionSpec.Expression expression) {
      return AviatorSandbox.shared().compile(expression.expression(), path + ".expression");
    } else if (spec instanceof ConditionSpec.Named named) {
      return compileNamed(named, path);
    } else if (spec instanceof ConditionSpec.And and) {
      Condition[] all = compileNested(and.conditions(), path);
      return combined(Combination.AND, all, () -> {
        Condition declared = sameReads(all, (event, context) -> {
          for (Condition condition : all) {
            if (!condition.test(event, context)) {
              return false;
            }
          }
          return true;
        });
        // the first part is tested first, and its false ends the test: what it requires, all do
        return declared.readsMatchContext()
            ? declared
            : Condition.requiring(all[0].requiredValue(), declared);
      });
    } else if (spec instanceof ConditionSpec.Or or) {
      Condition[] any = compileNested(or.conditions(), path);
      return combined(Combination.OR, any, () -> {
        Condition declared = sameReads(any, (event, context) -> {
          for (Condition condition : any) {
            if (condition.test(event, context)) {
              return true;
            }
          }
          return false;
        });
        // false when every part is false: when the field holds none of the parts' values
        List<RequiredValue> parts = new ArrayList<>();
        for (Condition part : any) {
          parts.add(part.requiredValue());
        }
        return declared.readsMatchContext()
            ? declared
            : Condition.requiring(RequiredValue.anyOf(parts), declared);
      });
    } else if (spec instanceof ConditionSpec.Not not) {
      Condition[] negated = {compileSpec(not.condition(), path + ".nestedConditions[0]")};
      return combined(Combination.NOT, negated,
          () -> sameReads(negated, (event, context) -> !negated[0].test(event, context)));
    }
    throw new IllegalArgumentException("unknown condition spec " + spec);
  }

  /**
   * The combination {@code kind} of {@code parts}, made by {@code make} unless one of the very same
   * parts is held: rules whose parts are shared (built-ins of equal arguments, expressions of one
   * text, registered conditions without arguments) then share the combination too, and a matcher
   * tests it once per event for all of them. Parts made per rule make the combination per rule.
   */
  private Condition combined(String kind, Condition[] parts, Supplier<Condition> make) {
    return combinations.shared(new Combination(kind, parts), make);
  }

  /**
   * A RichAnd, RichOr or RichNot of part objects: equal to another of its kind over the very same
   * parts, in the same order.
   */
  private static final class Combination {
    static final String AND = "RichAnd";
    static final String OR = "RichOr";
    static final String NOT = "RichNot";

    private final String kind;
    private final Condition[] parts;

    Combination(String kind, Condition[] parts) {
      this.kind = kind;
      // a shared part comes in a new event-only declaration each time: the part is what it wraps
      this.parts = new Condition[parts.length];
      for (int i = 0; i < parts.length; i++) {
        this.parts[i] = WeaklyShared.undeclared(parts[i]);
      }
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Combination that) || !kind.equals(that.kind)
          || parts.length != that.parts.length) {
        return false;
      }
      for (int i = 0; i < parts.length; i++) {
        if (parts[i] != that.parts[i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int hash = kind.hashCode();
      for (Condition part : parts) {
        hash = 31 * hash + System.identityHashCode(part);
      }
      return hash;
    }
  }

  /** {@code composite} is event-only when every part is. */
  private static Condition sameReads(Condition[] parts, Condition composite) {
    for (Condition part : parts) {
      if (part.readsMatchContext()) {
        return composite;
      }
    }
    return Condition.eventOnly(composite);
  }

  private Condition[] compileNested(List<ConditionSpec> nested, String path) {
    Condition[] conditions = new Condition[nested.size()];
    for (int i = 0; i < conditions.length; i++) {
      conditions[i] = compileSpec(nested.get(i), path + ".nestedConditions[" + i + "]");
    }
    return conditions;
  }

  private Condition compileNamed(ConditionSpec.Named named, String path) {
    ConditionFactory factory = factories.get(named.className());
    if (factory == null) {
      throw new RuleException(
          null,
          null,
          path + ".className",
          "unknown condition class '"
              + named.className()
              + "'; known: "
              + String.join(", ", names())
              + " (a condition of your own is registered by a ConditionPlugin on the class path)");
    }
    Condition condition;
    try {
      condition = factory.create(named.args());
    } catch (IllegalArgumentException e) {
      throw new RuleException(
          null, null, path + ".args", named.className() + ": " + e.getMessage(), e);
    }
    if (condition == null) {
      throw new IllegalStateException("the factory of " + named.className() + " returned null");
    }
    return condition;
  }

  /** The boundary between rule code and the engine: exceptions become false plus a count. */
  private record ErrorCounting(Condition condition, ConditionErrors errors, String path,
      boolean readsMatch) implements Condition {
    /**
     * Counts {@code condition}'s errors. An event-only condition's wrapper is dropped and its
     * declaration kept here: each wrapper is one more call through the interface per test, and
     * the conditions' calls are megamorphic.
     */
    static ErrorCounting of(Condition condition, ConditionErrors errors, String path) {
      Condition inner = WeaklyShared.undeclared(condition);
      return new ErrorCounting(inner, errors, path, condition.readsMatchContext());
    }

    @Override
    public boolean test(Event event, MatchContext context) {
      try {
        return condition.test(event, context);
      } catch (RuntimeException e) {
        errors.record(path, e);
        return false;
      }
    }

    @Override
    public boolean readsMatchContext() {
      return readsMatch;
    }
  }

  /** Collects named condition factories; names are the {@code className} rules will use. */
  public static final class Builder {
    private final Map<String, ConditionFactory> factories = new TreeMap<>();
    /** Who registered each name, when a plugin did or the built-ins came before it. */
    private final Map<String, String> owners = new TreeMap<>();
    /** Who is registering now (see {@link #builderWithDefaults(ClassLoader)}); null: the caller. */
    private String owner;

    private Builder() {}

    /** @throws IllegalArgumentException when the name is blank or already registered */
    public Builder register(String name, ConditionFactory factory) {
      Objects.requireNonNull(factory, "factory");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a condition name must not be blank");
      }
      if (factories.putIfAbsent(name, factory) != null) {
        String first = owners.get(name);
        throw new IllegalArgumentException("condition '" + name + "' is already registered"
            + (first == null ? "" : " (" + first + ")"));
      }
      if (owner != null) {
        owners.put(name, owner);
      }
      return this;
    }

    public ConditionRegistry build() {
      return new ConditionRegistry(factories);
    }
  }
}
