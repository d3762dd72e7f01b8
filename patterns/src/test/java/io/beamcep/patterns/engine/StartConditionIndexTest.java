package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.condition.RequiredValue;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.ConditionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rules whose start conditions require a value in a field (FieldEquals, EventTypeIs, the
 * reference's event-type conditions, an expression led by {@code field == 'text'}): an event asks
 * only the start conditions its value there can meet, and every rule still returns what its
 * condition says and counts the errors its condition throws.
 */
class StartConditionIndexTest {
  private final AtomicInteger productTests = new AtomicInteger();
  private final RuleCompiler compiler = new RuleCompiler(ConditionRegistry.builderWithDefaults()
      // FieldEquals [productId, p] that counts its tests
      .register("test.ProductIs", args -> Condition.requiring(
          RequiredValue.ofOrNull("productId", args.get(0)), (event, context) -> {
            productTests.incrementAndGet();
            return Objects.equals(args.get(0), event.get("productId"));
          }))
      .build());

  /** Pattern: one node testing {@code condition} (a condition JSON object). */
  private CompiledRule oneNode(String id, String condition) {
    return compiler.compile(RuleJson.parseRule(id, 1,
        "{\"nodes\":[{\"name\":\"only\",\"type\":\"ATOMIC\",\"condition\":" + condition + "}],"
            + "\"edges\":[]}", null));
  }

  private static Event event(Object... fieldsAndValues) {
    Map<String, Object> fields = new HashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return Event.of(fields);
  }

  /** Feeds the events one second apart; returns the matches as rule id @ event number, in order. */
  private static List<String> feed(Matcher matcher, List<Event> events) {
    KeyState key = KeyState.empty();
    List<String> matched = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      for (Match match : matcher.process(key, events.get(i), (i + 1) * 1000L)) {
        matched.add(match.rule().id() + "@" + (i + 1));
      }
    }
    return matched;
  }

  /**
   * Rules p0000 to p0999: one node, test.ProductIs of its own product. Events: views of p3, p500,
   * p999 and p3, a purchase without a product, a view of an unknown product, a view whose product
   * is a number.
   */
  @Test
  void aThousandRulesOnProductsOfTheirOwnAskOneConditionPerEvent() {
    List<CompiledRule> rules = new ArrayList<>();
    for (int p = 0; p < 1000; p++) {
      rules.add(oneNode(String.format("p%04d", p),
          "{\"type\":\"CLASS\",\"className\":\"test.ProductIs\",\"args\":[\"p" + p + "\"]}"));
    }
    List<Event> events = List.of(
        event("eventType", "view", "productId", "p3"),
        event("eventType", "view", "productId", "p500"),
        event("eventType", "view", "productId", "p999"),
        event("eventType", "view", "productId", "p3"),
        event("eventType", "purchase"),
        event("eventType", "view", "productId", "p1000"),
        event("eventType", "view", "productId", 3L));

    Matcher matcher = Matcher.of(rules);
    List<String> matched = feed(matcher, events);

    assertEquals(new StartConditions(1000, 1000, Map.of("productId", 1000), 0, 0),
        matcher.startConditions());
    assertEquals(List.of("p0003@1", "p0500@2", "p0999@3", "p0003@4"), matched);
    assertEquals(4, productTests.get(), "one per event of a known product, not 1,000 per event");
  }

  /**
   * Rules, one node each: an expression led by {@code productId == '7'}, one by {@code productId
   * == '8'}, FieldEquals [productId, 7] (a number), EventTypeIs [cart], the reference's
   * CartAddCondition, an expression requiring nothing, an expression led by {@code productId ==
   * 7}, one comparing it with a date written as text, a RichOr of FieldEquals "8" and 7. Events:
   * product "7" as text, 7 as a whole number and as a decimal, "8", absent, true, a list, two
   * dates; carts and views. Every rule returns what its condition answers event by event, and
   * counts what it throws, as when each condition is tested on each event.
   */
  @Test
  void everyRuleReturnsWhatItsConditionAnswersWhateverTheFieldHolds() {
    Map<String, ConditionSpec> specs = new java.util.LinkedHashMap<>();
    specs.put("a-text7", new ConditionSpec.Expression("productId == '7' && price > 1"));
    specs.put("b-text8", new ConditionSpec.Expression("productId == \"8\""));
    specs.put("c-number7", new ConditionSpec.Named(
        "io.beamcep.conditions.FieldEquals", List.of("productId", 7L)));
    specs.put("d-cart", new ConditionSpec.Named(
        "io.beamcep.conditions.EventTypeIs", List.of("cart")));
    specs.put("e-cartAdd", new ConditionSpec.Named(
        "com.alibaba.ververica.cep.demo.condition.CartAddCondition", List.of()));
    specs.put("f-any", new ConditionSpec.Expression("price > 100 || productId == '8'"));
    specs.put("g-expressionNumber7", new ConditionSpec.Expression("productId == 7 && price > 1"));
    // Aviator reads text compared with a date as a date: a value of another kind may meet text
    specs.put("h-expressionDate", new ConditionSpec.Expression("productId == '" + DATE + "'"));
    specs.put("i-anyOf", new ConditionSpec.Or(List.of(
        new ConditionSpec.Named("io.beamcep.conditions.FieldEquals", List.of("productId", "8")),
        new ConditionSpec.Named("io.beamcep.conditions.FieldEquals", List.of("productId", 7L)))));
    List<CompiledRule> rules = new ArrayList<>();
    for (Map.Entry<String, ConditionSpec> spec : specs.entrySet()) {
      rules.add(oneNode(spec.getKey(), conditionJson(spec.getValue())));
    }
    List<Event> events = new ArrayList<>();
    for (Object product : Arrays.asList("7", 7L, 7.0, "8", null, true, List.of("7"))) {
      for (String type : List.of("cart", "view")) {
        for (double price : new double[] {300, 50}) {
          events.add(product == null
              ? event("eventType", type, "price", price)
              : event("eventType", type, "price", price, "productId", product));
        }
      }
    }

    events.add(event("eventType", "view", "price", 50.0, "productId", aviatorDate(DATE)));
    events.add(event("eventType", "view", "price", 50.0, "productId", aviatorDate(OTHER_DATE)));

    Matcher matcher = Matcher.of(rules);
    List<String> matched = feed(matcher, events);

    // a, b, c, g, h and i found by the product, d and e by the event type, f on every event
    assertEquals(new StartConditions(9, 9, Map.of("productId", 6, "eventType", 2), 1, 0),
        matcher.startConditions());
    // each condition tested directly on each event: what a matcher of no index would find
    List<String> expected = new ArrayList<>();
    Map<String, Long> expectedErrors = new HashMap<>();
    ConditionRegistry registry = ConditionRegistry.defaults();
    for (int i = 0; i < events.size(); i++) {
      for (Map.Entry<String, ConditionSpec> spec : specs.entrySet()) {
        Condition condition =
            ConditionRegistry.uncounted(registry.compile(spec.getValue(), "$.condition"));
        try {
          if (condition.test(events.get(i), null)) {
            expected.add(spec.getKey() + "@" + (i + 1));
          }
        } catch (RuntimeException e) {
          expectedErrors.merge(spec.getKey(), 1L, Long::sum);
        }
      }
    }
    assertEquals(true, expected.contains("h-expressionDate@" + (events.size() - 1)),
        "Aviator compares a date with text: " + expected);
    assertEquals(expected, matched);
    for (CompiledRule rule : rules) {
      assertEquals(expectedErrors.getOrDefault(rule.key().id(), 0L), rule.conditionErrors(),
          "errors of " + rule.key().id());
    }
  }

  private static final String DATE = "2026-12-06 10:00:00:00";
  private static final String OTHER_DATE = "2026-12-07 10:00:00:00";

  /** The date Aviator reads {@code text} as when it compares it with a date. */
  private static java.util.Date aviatorDate(String text) {
    try {
      return new java.text.SimpleDateFormat("yyyy-MM-dd HH:mm:ss:SS").parse(text);
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  private static String conditionJson(ConditionSpec spec) {
    if (spec instanceof ConditionSpec.Or or) {
      StringBuilder parts = new StringBuilder();
      for (ConditionSpec part : or.conditions()) {
        parts.append(parts.length() > 0 ? "," : "").append(conditionJson(part));
      }
      return "{\"type\":\"CLASS\",\"className\":"
          + "\"org.apache.flink.cep.pattern.conditions.RichOrCondition\","
          + "\"nestedConditions\":[" + parts + "]}";
    }
    if (spec instanceof ConditionSpec.Expression expression) {
      return "{\"type\":\"AVIATOR\",\"expression\":\""
          + expression.expression().replace("\"", "\\\"") + "\"}";
    }
    ConditionSpec.Named named = (ConditionSpec.Named) spec;
    StringBuilder args = new StringBuilder("[");
    for (Object arg : named.args()) {
      args.append(args.length() > 1 ? "," : "")
          .append(arg instanceof String text ? "\"" + text + "\"" : String.valueOf(arg));
    }
    return "{\"type\":\"CLASS\",\"className\":\"" + named.className() + "\",\"args\":" + args
        + "]}";
  }
}
