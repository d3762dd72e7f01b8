package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.RuleException;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expressions over the events a partial match has already taken
 * (first/last/count/sum/avg/min/max).
 */
class AggregateFunctionsTest {
  private final ConditionErrors errors = new ConditionErrors();

  private Condition aviator(String expression) {
    return ConditionRegistry.defaults()
        .compile(new ConditionSpec.Expression(expression), "$.pattern.nodes[1].condition", errors);
  }

  private static Event view(String productId, double price) {
    return Event.of(Map.of("eventType", "view", "productId", productId, "price", price));
  }

  private static Event day(double gmv) {
    return Event.of(Map.of("gmv", gmv));
  }

  @Test
  void seedInitialConditionAsAnExpression() {
    Condition priceDrop =
        aviator(
            "eventType == 'view' && productId == first('initial_view','productId')"
                + " && price < first('initial_view','price')");
    MatchContext context = FakeContext.of(Map.of("initial_view", List.of(view("15200496", 38.87))));
    assertTrue(priceDrop.test(view("15200496", 30.87), context));
    assertFalse(priceDrop.test(view("15200496", 40), context));
    assertFalse(priceDrop.test(view("other", 1), context));
    assertEquals(0, errors.sum());
  }

  @Test
  void seedGmvTwentyPercentAboveTheAverageOfThePreviousDays() {
    Condition jump = aviator("gmv > avg('start','gmv') * 1.2");
    MatchContext threeDays = FakeContext.of(Map.of("start", List.of(day(100), day(110), day(120))));
    assertTrue(jump.test(day(133), threeDays), "average 110, 20% above is 132");
    assertFalse(jump.test(day(132), threeDays));
    assertEquals(0, errors.sum());
  }

  @Test
  void countSumMinMaxLastOverAPattern() {
    MatchContext context =
        FakeContext.of(Map.of("views", List.of(view("a", 5), view("b", 7), view("c", 3))));
    Event any = view("z", 0);
    assertTrue(aviator("count('views') == 3").test(any, context));
    assertTrue(aviator("sum('views','price') == 15").test(any, context));
    assertTrue(
        aviator("min('views','price') == 3 && max('views','price') == 7").test(any, context));
    assertTrue(aviator("last('views','productId') == 'c'").test(any, context));
    assertTrue(aviator("first('views') != nil").test(any, context));
    assertEquals(0, errors.sum());
  }

  @Test
  void anEmptyPatternGivesZeroCountAndSumAndNilOtherwise() {
    MatchContext none = FakeContext.of(Map.of());
    Event any = view("z", 0);
    assertTrue(aviator("count('views') == 0 && sum('views','price') == 0").test(any, none));
    assertTrue(
        aviator("avg('views','price') == nil && first('views','price') == nil").test(any, none));
    assertFalse(aviator("price < min('views','price')").test(any, none));
    assertEquals(0, errors.sum());
  }

  @Test
  void absentAndNonNumericValuesAreSkipped() {
    MatchContext context =
        FakeContext.of(
            Map.of("days", List.of(day(10), Event.of(Map.of("gmv", "n/a")), Event.of(Map.of()))));
    assertTrue(aviator("avg('days','gmv') == 10 && count('days') == 3").test(day(0), context));
  }

  @Test
  void aviatorsOwnMinMaxAndCountStillWork() {
    MatchContext none = FakeContext.of(Map.of());
    assertTrue(aviator("max(1, 5, 3) == 5 && min(4, 2) == 2").test(day(0), none));
  }

  @Test
  void propertyAccessOnAFunctionResultIsNotAviatorSyntaxSoTheTwoArgumentFormExists() {
    RuleException e =
        assertThrows(
            RuleException.class,
            () -> aviator("price < first('initial_view').price"));
    assertTrue(e.reason().startsWith("expression does not compile"), e.reason());
    assertTrue(
        aviator("price < first('initial_view', 'price')")
            .test(view("p", 1), FakeContext.of(Map.of("initial_view", List.of(view("p", 2))))));
  }
}
