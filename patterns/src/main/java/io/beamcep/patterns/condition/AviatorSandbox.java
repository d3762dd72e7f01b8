package io.beamcep.patterns.condition;

import com.googlecode.aviator.AviatorEvaluator;
import com.googlecode.aviator.AviatorEvaluatorInstance;
import com.googlecode.aviator.Expression;
import com.googlecode.aviator.Feature;
import com.googlecode.aviator.Options;
import com.googlecode.aviator.lexer.token.OperatorType;
import com.googlecode.aviator.runtime.type.AviatorFunction;
import io.beamcep.patterns.RuleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles AVIATOR conditions in a locked-down Aviator instance. Rule text comes from a database
 * that more people can write to than can deploy code, so an expression may only compute over the
 * event and the partial match: no statements beyond expressions (no assignment, loops, lambdas,
 * let, fn, if, return, try), no Java access ({@code new}, static fields and methods, property
 * getters, {@code use}), no modules ({@code load}, {@code require}), no internal variables
 * ({@code __env__}) and only an allow-list of side-effect-free functions ({@code eval}, printing,
 * time and randomness, collection mutation are gone).
 */
final class AviatorSandbox {
  /**
   * Functions kept from Aviator's library: pure, cheap, deterministic. Operators (whose names are
   * symbols such as {@code +} or {@code =~}) are always kept.
   */
  private static final Set<String> KEPT_FUNCTIONS =
      Set.of(
          "boolean", "double", "long", "decimal", "bigint", "str", "is_def", "type", "cmp",
          "string.contains", "string.startsWith", "string.endsWith", "string.indexOf",
          "string.length", "string.substring", "math.abs", "math.ceil", "math.floor",
          "math.round", "math.sqrt", "math.pow", "math.log", "math.log10", "math.sin", "math.cos",
          "math.tan", "math.asin", "math.acos", "math.atan");

  private static final AviatorSandbox SHARED = new AviatorSandbox();

  private final AviatorEvaluatorInstance aviator;
  private final Set<String> functions;
  private final WeaklyShared<String> byText = new WeaklyShared<>();

  private AviatorSandbox() {
    aviator = AviatorEvaluator.newInstance();
    aviator.setOption(Options.FEATURE_SET, Feature.asSet());
    aviator.setOption(Options.ALLOWED_CLASS_SET, Collections.emptySet());
    aviator.setOption(Options.ASSIGNABLE_ALLOWED_CLASS_SET, Collections.emptySet());
    // Property sugar (a.b.c) reads Java getters of any object; EventEnv resolves dots instead.
    aviator.setOption(Options.ENABLE_PROPERTY_SYNTAX_SUGAR, false);
    // Regex matches would write $0, $1... into the (read-only) event view.
    aviator.setOption(Options.PUT_CAPTURING_GROUPS_INTO_ENV, false);
    // A regex that backtracks catastrophically would hold the matcher's thread: bound its work.
    aviator.addOpFunction(OperatorType.MATCH, new BoundedRegexMatch());
    // A big integer raised or shifted far enough would hold the thread or exhaust the heap.
    aviator.addOpFunction(OperatorType.Exponent, BoundedBigIntegers.power());
    aviator.addOpFunction(OperatorType.SHIFT_LEFT, BoundedBigIntegers.shiftLeft());
    AviatorFunction count = aviator.getFunction("count");
    AviatorFunction min = aviator.getFunction("min");
    AviatorFunction max = aviator.getFunction("max");
    for (String name : new ArrayList<>(aviator.getFuncMap().keySet())) {
      boolean operator = !Character.isLetter(name.charAt(0)) && name.charAt(0) != '_';
      if (!operator && !KEPT_FUNCTIONS.contains(name)) {
        aviator.removeFunction(name);
      }
    }
    for (AviatorFunction function : MatchFunctions.all(count, min, max)) {
      aviator.addFunction(function);
    }
    AviatorFunction pow = aviator.getFunction("math.pow");
    aviator.removeFunction("math.pow");
    aviator.addFunction(BoundedBigIntegers.mathPow(pow));
    functions = Collections.unmodifiableSet(new TreeSet<>(aviator.getFuncMap().keySet()));
  }

  static AviatorSandbox shared() {
    return SHARED;
  }

  /** The function names an expression may call, for messages and tests. */
  Set<String> functions() {
    return functions;
  }

  /**
   * Compiles once; identical texts share one condition while any rule still uses it. Compiling
   * generates a class: Aviator's own cache would keep every class ever generated (one shared class
   * loader), so here each expression gets its own loader and the sharing only holds its condition
   * weakly ({@link WeaklyShared}): expressions of deleted rule versions can be unloaded. The
   * condition itself is shared, not only its compiled expression, because a matcher tests an
   * event-only condition once per event for every rule holding that one object: a rule table's
   * rules mostly start on a few conditions written alike, and each further copy was one more
   * evaluation per event.
   *
   * @throws RuleException at {@code jsonPath} when the text does not compile or uses something
   *     the sandbox forbids
   */
  Condition compile(String expression, String jsonPath) {
    // a text held was checked when it was compiled; the sandbox's rules do not change
    return byText.shared(expression, () -> compileChecked(expression, jsonPath));
  }

  /** Compiles {@code expression} and checks what it uses (see {@link #compile}). */
  private Condition compileChecked(String expression, String jsonPath) {
    Expression compiled;
    try {
      compiled = aviator.compile(expression, false);
    } catch (RuntimeException | StackOverflowError e) {
      throw new RuleException(
          null, null, jsonPath, "expression does not compile: " + firstLine(e.getMessage()), e);
    }
    for (String function : compiled.getFunctionNames()) {
      if (!functions.contains(function)) {
        throw new RuleException(
            null, null, jsonPath,
            "function '" + function + "' is not available in conditions; available: " + functions);
      }
    }
    List<String> variables = compiled.getVariableNames();
    for (String variable : variables) {
      if (variable.startsWith("__")) {
        throw new RuleException(
            null,
            null,
            jsonPath,
            "internal variable '" + variable + "' is not available in conditions");
      }
    }
    AviatorCondition condition = new AviatorCondition(expression, compiled);
    // the sandbox leaves no other way to the context (no lambdas, no eval, no __env__)
    return readsMatch(compiled)
        ? condition
        : Condition.requiring(LeadingEquality.of(expression, variables), condition);
  }

  /** True when {@code compiled} calls a function that reads the partial match. */
  private static boolean readsMatch(Expression compiled) {
    for (String function : compiled.getFunctionNames()) {
      if (MatchFunctions.NAMES.contains(function)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Runs a compiled expression over an event; a non-boolean result is an error, not false. */
  private record AviatorCondition(String text, Expression compiled) implements Condition {
    @Override
    public boolean test(io.beamcep.patterns.event.Event event, MatchContext context) {
      Object result = compiled.execute(new EventEnv(event, context));
      if (result instanceof Boolean bool) {
        return bool;
      }
      throw new IllegalStateException(
          "expression '" + text + "' gave " + result + " instead of true or false");
    }
  }
}
