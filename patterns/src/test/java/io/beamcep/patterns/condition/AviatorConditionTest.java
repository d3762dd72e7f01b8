package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AVIATOR conditions: expressions over the event's fields, compiled once per rule version. */
class AviatorConditionTest {
  private static final String PATH = "$.pattern.nodes[0].condition";
  private static final MatchContext NO_MATCH = FakeContext.of(Map.of());

  private final ConditionErrors errors = new ConditionErrors();

  private Condition aviator(String expression) {
    return ConditionRegistry.defaults()
        .compile(new ConditionSpec.Expression(expression), PATH, errors);
  }

  private static Event event(Object... keyValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return Event.of(fields);
  }

  @Test
  void comparesTextAndNumbersOfTheEvent() {
    Condition expensiveView = aviator("eventType == 'view' && price > 200");
    assertTrue(expensiveView.test(event("eventType", "view", "price", 250.5), NO_MATCH));
    assertFalse(expensiveView.test(event("eventType", "view", "price", 200L), NO_MATCH));
    assertFalse(expensiveView.test(event("eventType", "cart", "price", 999), NO_MATCH));
    assertTrue(
        expensiveView.test(
            event("eventType", "view", "price", new BigDecimal("200.01")), NO_MATCH));
    assertEquals(0, errors.sum());
  }

  @Test
  void aMissingFieldIsNilAndComparesFalseWithoutError() {
    Condition condition = aviator("price > 200");
    assertFalse(condition.test(event("eventType", "view"), NO_MATCH));
    assertTrue(aviator("price == nil").test(event("eventType", "view"), NO_MATCH));
    assertEquals(0, errors.sum());
  }

  @Test
  void dottedNamesReadNestedObjects() {
    Event event = event("user", Map.of("country", "NL", "address", Map.of("city", "Delft")));
    assertTrue(
        aviator("user.country == 'NL' && user.address.city == 'Delft'").test(event, NO_MATCH));
    assertFalse(aviator("user.nothing.deeper == 'x'").test(event, NO_MATCH));
  }

  @Test
  void regexAndStringFunctionsWork() {
    Event event = event("categoryCode", "appliances.kitchen.toster", "brand", "uragan");
    assertTrue(aviator("categoryCode =~ /appliances\\..*/").test(event, NO_MATCH));
    assertTrue(
        aviator("string.startsWith(brand, 'ura') && string.length(brand) == 6")
            .test(event, NO_MATCH));
  }

  @Test
  void aRuntimeErrorCountsAsFalseAndIsCounted() {
    Condition comparesTextWithNumber = aviator("eventType > 1");
    assertFalse(comparesTextWithNumber.test(event("eventType", "view"), NO_MATCH));
    assertFalse(comparesTextWithNumber.test(event("eventType", "view"), NO_MATCH));
    assertEquals(2, errors.sum());
  }

  @Test
  void aNonBooleanResultIsAnErrorNotAMatch() {
    Condition number = aviator("price + 1");
    assertFalse(number.test(event("price", 3L), NO_MATCH));
    assertEquals(1, errors.sum());
  }

  @Test
  void aSyntaxErrorIsARuleExceptionAtTheExpression() {
    RuleException e = assertThrows(RuleException.class, () -> aviator("eventType == 'view' &&"));
    assertEquals(PATH + ".expression", e.jsonPath());
    assertTrue(e.reason().startsWith("expression does not compile"), e.reason());
  }

  @Test
  void sameTextIsCompiledOnceAndShared() {
    // Compiling generates a class: re-polled rules must reuse the compiled expression; and the
    // matcher tests an event-only condition once per event for the rules holding one object
    AviatorSandbox sandbox = AviatorSandbox.shared();
    Condition first = sandbox.compile("price > 1", PATH);
    assertSame(ConditionRegistry.uncounted(ConditionRegistry.defaults().compile(
            new ConditionSpec.Expression("price > 1"), PATH, errors)),
        ((Condition.EventOnly) first).condition());
    assertSame(((Condition.EventOnly) first).condition(),
        ((Condition.EventOnly) sandbox.compile("price > 1", PATH)).condition());
    assertNotEquals(first, sandbox.compile("price > 2", PATH));
  }

  @Test
  void composedAndOrNotConditionsCombineAnyNumberOfParts() {
    ConditionSpec spec =
        new ConditionSpec.And(
            List.of(
                new ConditionSpec.Expression("price > 10"),
                new ConditionSpec.Or(
                    List.of(
                        new ConditionSpec.Expression("eventType == 'cart'"),
                        new ConditionSpec.Expression("eventType == 'purchase'"),
                        new ConditionSpec.Named(
                            "io.beamcep.conditions.EventTypeIs", List.of("view")))),
                new ConditionSpec.Not(new ConditionSpec.Expression("brand == 'x'"))));
    Condition condition = ConditionRegistry.defaults().compile(spec, PATH, errors);
    assertTrue(condition.test(event("price", 11L, "eventType", "view", "brand", "y"), NO_MATCH));
    assertFalse(condition.test(event("price", 11L, "eventType", "view", "brand", "x"), NO_MATCH));
    assertFalse(condition.test(event("price", 11L, "eventType", "remove", "brand", "y"), NO_MATCH));
    assertFalse(condition.test(event("price", 9L, "eventType", "cart", "brand", "y"), NO_MATCH));
  }

  @Test
  void alwaysMatchesEveryEvent() {
    Condition always =
        ConditionRegistry.defaults().compile(new ConditionSpec.Always(), PATH, errors);
    assertTrue(always.test(event(), NO_MATCH));
    assertSame(
        always.getClass(),
        ConditionRegistry.defaults().compile(new ConditionSpec.Always(), PATH).getClass());
  }
}
