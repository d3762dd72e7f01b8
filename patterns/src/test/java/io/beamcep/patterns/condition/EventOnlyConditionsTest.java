package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamcep.patterns.model.ConditionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which conditions the matcher may test once per event (they never read the partial match) and
 * which it must test per partial match. A wrong "event only" would give wrong matches, so every
 * way a condition can reach the match context is listed here.
 */
class EventOnlyConditionsTest {
  private static final ConditionRegistry REGISTRY = ConditionRegistry.defaults();
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";

  private static boolean readsContext(ConditionSpec spec) {
    return REGISTRY.compile(spec, "$.condition").readsMatchContext();
  }

  private static ConditionSpec named(String name, Object... args) {
    return new ConditionSpec.Named(name, List.of(args));
  }

  private static ConditionSpec expression(String text) {
    return new ConditionSpec.Expression(text);
  }

  @Test
  void referenceConditionsReadTheContextOnlyForTheInitialView() {
    assertEquals(false, readsContext(named(DEMO + "FirstViewCondition")));
    assertEquals(false, readsContext(named(DEMO + "CartAddCondition")));
    assertEquals(false, readsContext(named(DEMO + "PurchaseCondition")));
    assertEquals(false, readsContext(named(DEMO + "CartCondition")));
    assertEquals(true, readsContext(named(DEMO + "InitialCondition")));
  }

  @Test
  void ourFieldConditionsReadOnlyTheEvent() {
    assertEquals(false, readsContext(named("io.beamcep.conditions.EventTypeIs", "view")));
    assertEquals(false, readsContext(named("io.beamcep.conditions.FieldEquals", "brand", "acme")));
    assertEquals(false, readsContext(named("io.beamcep.conditions.FieldNotEquals", "price", 3)));
    assertEquals(false, readsContext(named("io.beamcep.conditions.FieldGreaterThan", "price", 3)));
    assertEquals(false, readsContext(named("io.beamcep.conditions.FieldLessThan", "price", 3)));
    assertEquals(false, readsContext(named("io.beamcep.conditions.FieldExists", "price")));
  }

  @Test
  void expressionsReadTheContextExactlyWhenTheyCallAMatchFunction() {
    assertEquals(false, readsContext(expression("eventType == 'view' && price > 10")));
    assertEquals(false, readsContext(expression("math.abs(price) > 1 || brand == 'acme'")));
    assertEquals(true, readsContext(expression("price < first('initial_view', 'price')")));
    assertEquals(true, readsContext(expression("last('a', 'price') != nil")));
    assertEquals(true, readsContext(expression("count('repeat_view') >= 2")));
    assertEquals(true, readsContext(expression("price > sum('a', 'price')")));
    assertEquals(true, readsContext(expression("price > avg('a', 'price')")));
    assertEquals(true, readsContext(expression("price > min('a', 'price')")));
    assertEquals(true, readsContext(expression("price > max('a', 'price')")));
  }

  @Test
  void aCompositeReadsTheContextWhenAnyPartDoes() {
    ConditionSpec eventOnly = named(DEMO + "PurchaseCondition");
    ConditionSpec reading = named(DEMO + "InitialCondition");
    assertEquals(false, readsContext(new ConditionSpec.And(List.of(eventOnly, eventOnly))));
    assertEquals(true, readsContext(new ConditionSpec.And(List.of(eventOnly, reading))));
    assertEquals(false, readsContext(new ConditionSpec.Or(List.of(eventOnly, eventOnly))));
    assertEquals(true, readsContext(new ConditionSpec.Or(List.of(reading, eventOnly))));
    assertEquals(false, readsContext(new ConditionSpec.Not(eventOnly)));
    assertEquals(true, readsContext(new ConditionSpec.Not(reading)));
    assertEquals(false, readsContext(new ConditionSpec.Always()));
  }

  @Test
  void aLambdaIsAssumedToReadTheContextUnlessDeclaredOtherwise() {
    Condition lambda = (event, context) -> true;
    assertEquals(true, lambda.readsMatchContext());
    assertEquals(false, Condition.eventOnly(lambda).readsMatchContext());
  }
}
