package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field tests registered under io.beamcep.conditions.*. */
class OurBuiltInConditionsTest {
  private static final MatchContext NO_MATCH = FakeContext.of(Map.of());

  private static Condition named(String simpleName, Object... args) {
    return ConditionRegistry.defaults()
        .compile(
            new ConditionSpec.Named("io.beamcep.conditions." + simpleName, Arrays.asList(args)),
            "$");
  }

  @Test
  void eventTypeIs() {
    assertTrue(named("EventTypeIs", "view").test(Event.of(Map.of("eventType", "view")), NO_MATCH));
    assertFalse(named("EventTypeIs", "view").test(Event.of(Map.of("eventType", "cart")), NO_MATCH));
    assertFalse(named("EventTypeIs", "view").test(Event.of(Map.of()), NO_MATCH));
  }

  @Test
  void fieldEqualsComparesNumbersByValueAndTextExactly() {
    assertTrue(
        named("FieldEquals", "price", 200L).test(Event.of(Map.of("price", 200.0)), NO_MATCH));
    assertTrue(
        named("FieldEquals", "price", 200.5)
            .test(Event.of(Map.of("price", new BigDecimal("200.50"))), NO_MATCH));
    assertFalse(
        named("FieldEquals", "price", 200L).test(Event.of(Map.of("price", "200")), NO_MATCH));
    assertTrue(
        named("FieldEquals", "brand", "uragan")
            .test(Event.of(Map.of("brand", "uragan")), NO_MATCH));
    assertFalse(
        named("FieldNotEquals", "brand", "uragan")
            .test(Event.of(Map.of("brand", "uragan")), NO_MATCH));
    assertTrue(named("FieldNotEquals", "brand", "uragan").test(Event.of(Map.of()), NO_MATCH));
  }

  @Test
  void greaterAndLessThanAreFalseForAbsentOrNonNumericFields() {
    assertTrue(
        named("FieldGreaterThan", "price", 200L).test(Event.of(Map.of("price", 200.01)), NO_MATCH));
    assertFalse(
        named("FieldGreaterThan", "price", 200L).test(Event.of(Map.of("price", 200L)), NO_MATCH));
    assertFalse(named("FieldGreaterThan", "price", 200L).test(Event.of(Map.of()), NO_MATCH));
    assertTrue(
        named("FieldLessThan", "price", 10L).test(Event.of(Map.of("price", 9.99)), NO_MATCH));
    assertFalse(
        named("FieldLessThan", "price", 10L).test(Event.of(Map.of("price", "cheap")), NO_MATCH));
  }

  @Test
  void fieldExists() {
    assertTrue(named("FieldExists", "coupon").test(Event.of(Map.of("coupon", "X1")), NO_MATCH));
    assertFalse(named("FieldExists", "coupon").test(Event.of(Map.of("other", 1L)), NO_MATCH));
  }
}
