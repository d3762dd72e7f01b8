package io.beamcep.pipeline.alert;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.ServicePlugins;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed registry of names allowed in a rule row's {@code function} column: ours, and those
 * that {@link AlertFunctionPlugin}s on the class path give. Unlike the reference system, no class
 * is ever loaded by name: an unknown name is a rule error (reported by the rule source), not a
 * class-loading surprise at run time.
 */
public final class AlertFunctions {

  /** The reference system's function: its stdout text, matches only. */
  public static final String REFERENCE_DEMO =
      "com.alibaba.ververica.cep.demo.dynamic.DemoPatternProcessFunction";

  /** One JSON object per match. The default when the column is null or blank. */
  public static final String JSON = "io.beamcep.alert.Json";

  /** One JSON object per match and per timed-out partial match. */
  public static final String JSON_WITH_TIMEOUTS = "io.beamcep.alert.JsonWithTimeouts";

  /** The reference text, also for timed-out partial matches. */
  public static final String REFERENCE_TEXT_WITH_TIMEOUTS =
      "io.beamcep.alert.ReferenceTextWithTimeouts";

  private static final List<AlertFunction> BUILT_IN = List.of(
      new AlertFunction(REFERENCE_DEMO, AlertFunction.Format.REFERENCE_TEXT, false),
      new AlertFunction(JSON, AlertFunction.Format.JSON, false),
      new AlertFunction(JSON_WITH_TIMEOUTS, AlertFunction.Format.JSON, true),
      new AlertFunction(REFERENCE_TEXT_WITH_TIMEOUTS, AlertFunction.Format.REFERENCE_TEXT, true));

  /** Built on first use: a plugin that cannot be loaded fails each call with its reason. */
  private static volatile Map<String, AlertFunction> byName;

  private AlertFunctions() {}

  private static Map<String, AlertFunction> byName() {
    Map<String, AlertFunction> functions = byName;
    if (functions == null) {
      synchronized (AlertFunctions.class) {
        if (byName == null) {
          byName = load(AlertFunctions.class.getClassLoader());
        }
        functions = byName;
      }
    }
    return functions;
  }

  /**
   * The built-in functions and those of the {@link AlertFunctionPlugin}s {@code plugins} finds.
   *
   * @throws IllegalStateException naming the plugin, when one cannot be loaded or made, fails, or
   *     names a function already registered
   */
  static Map<String, AlertFunction> load(ClassLoader plugins) {
    Map<String, AlertFunction> functions = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (AlertFunction function : BUILT_IN) {
      functions.put(function.name(), function);
      owners.put(function.name(), "built in");
    }
    for (AlertFunctionPlugin plugin
        : ServicePlugins.load(AlertFunctionPlugin.class, plugins, "an alert function plugin")) {
      String owner = "alert function plugin " + plugin.getClass().getName();
      List<AlertFunction> named;
      try {
        named = List.copyOf(plugin.functions());
      } catch (RuntimeException e) {
        throw new IllegalStateException(owner + " failed: " + e.getMessage(), e);
      }
      for (AlertFunction function : named) {
        String name = function.name().strip();
        if (name.isEmpty() || !name.equals(function.name())) {
          throw new IllegalStateException(owner + " names a function '" + function.name()
              + "': a name is matched after trimming, so it must not be blank or padded");
        }
        String first = owners.putIfAbsent(name, owner);
        if (first != null) {
          throw new IllegalStateException(owner + " names the function '" + name
              + "', already registered (" + first + ")");
        }
        functions.put(name, function);
      }
    }
    return Map.copyOf(functions);
  }

  /**
   * The function a rule row names; a null or blank name is the {@link #defaultFunction()}. Names
   * are matched exactly after trimming surrounding blanks (class names are case-sensitive).
   *
   * @return empty when the name is not registered
   */
  public static Optional<AlertFunction> find(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of(defaultFunction());
    }
    return Optional.ofNullable(byName().get(name.strip()));
  }

  /**
   * Why rule {@code id} v{@code version} cannot run with {@code function} in its function column
   * (at {@code $.function}), or empty when the name is registered: the one check of the column,
   * made by the job's rule source and by the command line's before a job starts alike.
   */
  public static Optional<RuleException> problem(String id, Integer version, String function) {
    if (find(function).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new RuleException(id, version, "$.function",
        "unknown alert function '" + function + "'; known: " + names()
            + " (a name of your own is registered by an AlertFunctionPlugin on the class path)"));
  }

  /** Like {@link #find} but for names already validated by the rule source. */
  public static AlertFunction require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown alert function '" + name + "'; known: " + names()));
  }

  public static AlertFunction defaultFunction() {
    return byName().get(JSON);
  }

  /** Every registered name, sorted (for error messages and the CLI's help). */
  public static Set<String> names() {
    return new java.util.TreeSet<>(byName().keySet());
  }
}
