package io.beamcep.pipeline.alert;

import io.beamcep.patterns.RuleException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed registry of names allowed in a rule row's {@code function} column. Unlike the
 * reference system, no class is ever loaded by name: an unknown name is a rule error (reported by
 * the rule source), not a class-loading surprise at run time.
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

  private static final Map<String, AlertFunction> BY_NAME = byName();

  private AlertFunctions() {}

  private static Map<String, AlertFunction> byName() {
    Map<String, AlertFunction> functions = new LinkedHashMap<>();
    for (AlertFunction function :
        new AlertFunction[] {
          new AlertFunction(REFERENCE_DEMO, AlertFunction.Format.REFERENCE_TEXT, false),
          new AlertFunction(JSON, AlertFunction.Format.JSON, false),
          new AlertFunction(JSON_WITH_TIMEOUTS, AlertFunction.Format.JSON, true),
          new AlertFunction(
              REFERENCE_TEXT_WITH_TIMEOUTS, AlertFunction.Format.REFERENCE_TEXT, true)
        }) {
      functions.put(function.name(), function);
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
    return Optional.ofNullable(BY_NAME.get(name.strip()));
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
        "unknown alert function '" + function + "'; known: " + names()));
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
    return BY_NAME.get(JSON);
  }

  /** Every registered name, sorted (for error messages and the CLI's help). */
  public static Set<String> names() {
    return new java.util.TreeSet<>(BY_NAME.keySet());
  }
}
