package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rules that test one condition (a registered class name with no arguments, as the reference's
 * rule tables use them, a built-in one with equal arguments, one expression text, or a RichAnd /
 * RichOr / RichNot of such): the matcher tests it once per event for all of them, and a failure
 * still counts on every rule that tested it.
 */
class SharedConditionMemoTest {
  private final AtomicInteger viewTests = new AtomicInteger();
  private final Condition view = Condition.eventOnly((event, context) -> {
    viewTests.incrementAndGet();
    return "view".equals(event.get("eventType"));
  });
  private final Condition broken = Condition.eventOnly((event, context) -> {
    throw new IllegalStateException("broken on every event");
  });
  private final RuleCompiler compiler = new RuleCompiler(ConditionRegistry.builderWithDefaults()
      .register("test.View", args -> view)
      .register("test.Broken", args -> broken)
      // a factory that makes a new condition per call, as one a user registers may
      .register("test.MadePerCall", args -> Condition.eventOnly(
          (event, context) -> args.get(0).equals(event.get("eventType"))))
      .build());
  private static final String MADE_PER_CALL_VIEW =
      "{\"type\":\"CLASS\",\"className\":\"test.MadePerCall\",\"args\":[\"view\"]}";

  /** Pattern: one node testing {@code condition} (a condition JSON object). */
  private CompiledRule oneNode(String id, String condition) {
    return compiler.compile(RuleJson.parseRule(id, 1,
        "{\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\",\"condition\":" + condition + "}],"
            + "\"edges\":[]}", null));
  }

  /** Pattern: one node testing the registered condition {@code className}. */
  private CompiledRule named(String id, String className) {
    return oneNode(id, "{\"type\":\"CLASS\",\"className\":\"" + className + "\"}");
  }

  /** Feeds events of these types, one second apart; returns the matches' rule ids in order. */
  private static List<String> feed(List<CompiledRule> rules, String... types) {
    Matcher matcher = Matcher.of(rules);
    KeyState key = KeyState.empty();
    List<String> matched = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      Event event = Event.of(Map.of("eventType", types[i], "price", 10.0));
      for (Match match : matcher.process(key, event, (i + 1) * 1000L)) {
        matched.add(match.rule().id() + "@" + (i + 1));
      }
    }
    return matched;
  }

  /** Rules a, b, c: one node, test.View each. Events: view, cart, view, purchase. */
  @Test
  void aConditionThreeRulesTestIsTestedOncePerEvent() {
    List<CompiledRule> rules =
        List.of(named("a", "test.View"), named("b", "test.View"), named("c", "test.View"));

    List<String> matched = feed(rules, "view", "cart", "view", "purchase");

    assertEquals(List.of("a@1", "b@1", "c@1", "a@3", "b@3", "c@3"), matched);
    assertEquals(4, viewTests.get(), "once per event, not once per rule and event (12)");
  }

  /** Pattern: one node testing the registered condition {@code className} with {@code args}. */
  private CompiledRule withArgs(String id, String className, String args) {
    return oneNode(id, "{\"type\":\"CLASS\",\"className\":\"" + className + "\",\"args\":"
        + args + "}");
  }

  /**
   * Rules v1 and v2: one node, the built-in EventTypeIs with the argument "view"; rule c: with
   * "cart". Events: view, cart, view.
   */
  @Test
  void builtInConditionsOfEqualArgumentsAreShared() {
    List<CompiledRule> rules = List.of(
        withArgs("v1", "io.beamcep.conditions.EventTypeIs", "[\"view\"]"),
        withArgs("v2", "io.beamcep.conditions.EventTypeIs", "[\"view\"]"),
        withArgs("c", "io.beamcep.conditions.EventTypeIs", "[\"cart\"]"));

    assertEquals(2, Matcher.of(rules).memoizedConditions(), "one per arguments, not per rule (3)");
    assertEquals(List.of("v1@1", "v2@1", "c@2", "v1@3", "v2@3"),
        feed(rules, "view", "cart", "view"));
  }

  /**
   * Rules a and b: one node, test.MadePerCall with the argument "view", a registered factory that
   * makes a new condition per call: a factory not known to be pure is not assumed to be, and its
   * conditions stay apart. Events: view.
   */
  @Test
  void aRegisteredFactorysConditionsStayApartWhateverTheirArguments() {
    List<CompiledRule> rules =
        List.of(oneNode("a", MADE_PER_CALL_VIEW), oneNode("b", MADE_PER_CALL_VIEW));

    assertEquals(2, Matcher.of(rules).memoizedConditions());
    assertEquals(List.of("a@1", "b@1"), feed(rules, "view"));
  }

  /**
   * Rule a compiled (FieldGreaterThan price 5), the collector run until it cleared an unreachable
   * object, then rule b of the same arguments: b shares a's condition still.
   */
  @Test
  void aBuiltInConditionStaysSharedWhileARuleHoldsIt() {
    CompiledRule a = withArgs("a", "io.beamcep.conditions.FieldGreaterThan", "[\"price\", 5]");
    collectGarbage();
    CompiledRule b = withArgs("b", "io.beamcep.conditions.FieldGreaterThan", "[\"price\", 5]");

    assertEquals(1, Matcher.of(List.of(a, b)).memoizedConditions());
    assertEquals(List.of("a@1", "b@1"), feed(List.of(a, b), "view"));
  }

  /**
   * Runs the collector until it cleared an object nothing reaches: System.gc() is a full collection
   * that clears weak references before it returns, so no waiting is needed between attempts.
   */
  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    for (int attempt = 0; attempt < 50 && canary.get() != null; attempt++) {
      System.gc();
    }
    assertEquals(null, canary.get(), "the collector ran");
  }

  /** A RichAnd, RichOr or RichNot condition ({@code kind}) of these condition JSON objects. */
  private static String rich(String kind, String... nested) {
    return "{\"type\":\"CLASS\",\"className\":\"org.apache.flink.cep.pattern.conditions."
        + kind + "Condition\",\"nestedConditions\":[" + String.join(",", nested) + "]}";
  }

  private static final String CART =
      "{\"type\":\"CLASS\",\"className\":\"io.beamcep.conditions.EventTypeIs\","
          + "\"args\":[\"cart\"]}";
  private static final String PRICE_OVER_5 =
      "{\"type\":\"AVIATOR\",\"expression\":\"price > 5\"}";

  /**
   * Rules and1 and and2: one node, RichAnd of EventTypeIs cart and the expression price > 5; rule
   * or: RichOr of the same two; rules not1 and not2: RichNot of EventTypeIs cart. Events: view,
   * cart (price 10 each).
   */
  @Test
  void combinationsOfSharedPartsAreShared() {
    List<CompiledRule> rules = List.of(
        oneNode("and1", rich("RichAnd", CART, PRICE_OVER_5)),
        oneNode("and2", rich("RichAnd", CART, PRICE_OVER_5)),
        oneNode("not1", rich("RichNot", CART)),
        oneNode("not2", rich("RichNot", CART)),
        oneNode("or", rich("RichOr", CART, PRICE_OVER_5)));

    assertEquals(3, Matcher.of(rules).memoizedConditions(),
        "one per combination, not per rule (5)");
    assertEquals(List.of("not1@1", "not2@1", "or@1", "and1@2", "and2@2", "or@2"),
        feed(rules, "view", "cart"));
  }

  /**
   * Rules a and b: one node, RichAnd of test.MadePerCall view (a registered factory's condition,
   * made per rule) and EventTypeIs view: the combinations stay apart. Events: view.
   */
  @Test
  void combinationsOfPartsMadePerRuleStayApart() {
    String condition = rich("RichAnd", MADE_PER_CALL_VIEW,
        "{\"type\":\"CLASS\",\"className\":\"io.beamcep.conditions.EventTypeIs\","
            + "\"args\":[\"view\"]}");
    List<CompiledRule> rules = List.of(oneNode("a", condition), oneNode("b", condition));

    assertEquals(2, Matcher.of(rules).memoizedConditions());
    assertEquals(List.of("a@1", "b@1"), feed(rules, "view"));
  }

  /** Pattern: one node testing the AVIATOR expression {@code expression}. */
  private CompiledRule expression(String id, String expression) {
    return oneNode(id, "{\"type\":\"AVIATOR\",\"expression\":\"" + expression + "\"}");
  }

  /**
   * Rules a, b, c: one node, the expression eventType == 'view' each; rule d: eventType == 'cart'.
   * Events: view, cart, view.
   */
  @Test
  void rulesOfOneExpressionTextShareItsAnswerPerEvent() {
    List<CompiledRule> rules = List.of(expression("a", "eventType == 'view'"),
        expression("b", "eventType == 'view'"), expression("c", "eventType == 'view'"),
        expression("d", "eventType == 'cart'"));

    assertEquals(2, Matcher.of(rules).memoizedConditions(), "one per text, not one per rule (4)");
    assertEquals(List.of("a@1", "b@1", "c@1", "d@2", "a@3", "b@3", "c@3"),
        feed(rules, "view", "cart", "view"));
  }

  /**
   * Rule a compiled, the collector run until it cleared an unreachable object, then rule b of the
   * same text: the text's condition is kept as long as rule a holds it, so b shares it still.
   */
  @Test
  void anExpressionStaysSharedWhileARuleHoldsIt() {
    CompiledRule a = expression("a", "eventType == 'purchase' && price > 5");
    collectGarbage();
    CompiledRule b = expression("b", "eventType == 'purchase' && price > 5");

    assertEquals(1, Matcher.of(List.of(a, b)).memoizedConditions());
    assertEquals(List.of("a@2", "b@2"), feed(List.of(a, b), "view", "purchase"));
  }

  /**
   * Rules x and y: one node, an expression comparing the event's type with a number, which
   * Aviator cannot do, each. Events: two views.
   */
  @Test
  void aSharedExpressionThatThrowsCountsOnEveryRuleThatTestedIt() {
    CompiledRule x = expression("x", "eventType > 3");
    CompiledRule y = expression("y", "eventType > 3");

    assertEquals(List.of(), feed(List.of(x, y), "view", "view"));
    assertEquals(2, x.conditionErrors());
    assertEquals(2, y.conditionErrors());
    // y counted the answer x's test left in the memo, with what that test threw
    assertEquals(x.takeFirstConditionError(), y.takeFirstConditionError());
  }

  /** Rules x and y: one node, test.Broken each. Events: three views. */
  @Test
  void aSharedConditionThatThrowsCountsOnEveryRuleThatTestedIt() {
    CompiledRule x = named("x", "test.Broken");
    CompiledRule y = named("y", "test.Broken");

    List<String> matched = feed(List.of(x, y), "view", "view", "view");

    assertEquals(List.of(), matched);
    assertEquals(3, x.conditionErrors());
    assertEquals(3, y.conditionErrors());
  }
}
