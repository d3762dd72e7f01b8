package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The five condition classes of the reference demo behave as its Java code (seed 000). */
class ReferenceConditionsTest {
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";
  private static final MatchContext NO_MATCH = FakeContext.of(Map.of());

  static Event click(String type, String productId, double price) {
    return Event.of(Map.of("eventType", type, "productId", productId, "price", price));
  }

  private static Condition demo(String simpleName, ConditionErrors errors) {
    return ConditionRegistry.defaults()
        .compile(
            new ConditionSpec.Named(DEMO + simpleName, List.of()),
            "$.pattern.nodes[0].condition",
            errors);
  }

  private static Condition demo(String simpleName) {
    return demo(simpleName, new ConditionErrors());
  }

  @Test
  void firstViewConditionAcceptsViewsOnly() {
    assertTrue(demo("FirstViewCondition").test(click("view", "p", 1), NO_MATCH));
    assertFalse(demo("FirstViewCondition").test(click("cart", "p", 1), NO_MATCH));
  }

  @Test
  void cartAddConditionNeedsCartAbove200() {
    Condition cartAdd = demo("CartAddCondition");
    assertTrue(cartAdd.test(click("cart", "p", 200.01), NO_MATCH));
    assertFalse(cartAdd.test(click("cart", "p", 200), NO_MATCH));
    assertFalse(cartAdd.test(click("view", "p", 500), NO_MATCH));
  }

  @Test
  void purchaseAndCartConditions() {
    assertTrue(demo("PurchaseCondition").test(click("purchase", "p", 1), NO_MATCH));
    assertFalse(demo("PurchaseCondition").test(click("cart", "p", 1), NO_MATCH));
    assertTrue(demo("CartCondition").test(click("cart", "p", 1), NO_MATCH));
    assertFalse(demo("CartCondition").test(click("purchase", "p", 1), NO_MATCH));
  }

  @Test
  void initialConditionWantsACheaperViewOfTheFirstInitialViewsProduct() {
    Condition initial = demo("InitialCondition");
    MatchContext context =
        FakeContext.of(
            Map.of(
                "initial_view",
                List.of(click("view", "15200496", 38.87), click("view", "other", 99))));
    assertTrue(initial.test(click("view", "15200496", 30.87), context));
    assertFalse(
        initial.test(click("view", "15200496", 38.87), context), "same price is not a drop");
    assertFalse(
        initial.test(click("view", "other", 1), context), "compares with the FIRST initial view");
    assertFalse(initial.test(click("cart", "15200496", 1), context));
  }

  @Test
  void initialConditionWithoutAPriceOrProductIsNoDropAndNoError() {
    ConditionErrors errors = new ConditionErrors();
    Condition initial = demo("InitialCondition", errors);
    MatchContext context =
        FakeContext.of(Map.of("initial_view", List.of(click("view", "15200496", 38.87))));
    assertFalse(initial.test(
        Event.of(Map.of("eventType", "view", "productId", "15200496")), context), "no price");
    assertFalse(initial.test(Event.of(Map.of("eventType", "view", "price", 1.0)), context),
        "a lower price but no product");
    assertFalse(initial.test(
        Event.of(Map.of("eventType", "view", "productId", "15200496", "price", "cheap")),
        context), "a price that is not a number");
    assertEquals(0, errors.sum());
  }

  @Test
  void initialConditionWithoutInitialViewCountsAnErrorAndIsFalse() {
    ConditionErrors errors = new ConditionErrors();
    Condition initial = demo("InitialCondition", errors);
    assertFalse(initial.test(click("view", "p", 1), NO_MATCH));
    assertEquals(1, errors.sum());
  }
}
