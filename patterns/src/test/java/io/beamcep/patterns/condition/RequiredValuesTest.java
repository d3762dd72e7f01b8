package io.beamcep.patterns.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field values conditions require (a matcher then asks only the start conditions an event's
 * value can meet): which conditions declare one, and, for every value a field can hold, that a
 * condition whose requirement rules the value out answers false without throwing. A requirement
 * wrongly declared would silently drop matches, so each declared one is held against the
 * condition's own answers.
 */
class RequiredValuesTest {
  private static final ConditionRegistry REGISTRY = ConditionRegistry.defaults();
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";
  private static final String OURS = "io.beamcep.conditions.";
  private static final MatchContext CONTEXT = FakeContext.of(Map.of());

  /** Values an event's field may hold, as decoded JSON holds them; the field absent included. */
  private static final List<Object> VALUES = Arrays.asList(null, "view", "cart", "purchase",
      "acme", "", "5", 5L, 5, 5.0, 5.5, 0L, 0.0, -0.0, Double.NaN, new BigDecimal("5.000"),
      true, false, List.of("cart"), Map.of("cart", 1), new java.math.BigInteger("5"), List.of(5L));

  private static Condition compiled(ConditionSpec spec) {
    return ConditionRegistry.uncounted(REGISTRY.compile(spec, "$.condition"));
  }

  private static ConditionSpec named(String name, Object... args) {
    return new ConditionSpec.Named(name, Arrays.asList(args));
  }

  private static ConditionSpec expression(String text) {
    return new ConditionSpec.Expression(text);
  }

  private static RequiredValue required(ConditionSpec spec) {
    return compiled(spec).requiredValue();
  }

  @Test
  void builtInEqualitiesRequireTheirValueWhateverTheFieldHolds() {
    assertEquals(new RequiredValue("eventType", "view", false),
        required(named(DEMO + "FirstViewCondition")));
    assertEquals(new RequiredValue("eventType", "cart", false),
        required(named(DEMO + "CartAddCondition")));
    assertEquals(new RequiredValue("eventType", "purchase", false),
        required(named(DEMO + "PurchaseCondition")));
    assertEquals(new RequiredValue("eventType", "cart", false),
        required(named(DEMO + "CartCondition")));
    assertEquals(new RequiredValue("eventType", "view", false),
        required(named(OURS + "EventTypeIs", "view")));
    assertEquals(new RequiredValue("brand", "acme", false),
        required(named(OURS + "FieldEquals", "brand", "acme")));
    assertEquals(new RequiredValue("productId", 5L, false),
        required(named(OURS + "FieldEquals", "productId", 5L)));
    assertEquals(new RequiredValue("flag", true, false),
        required(named(OURS + "FieldEquals", "flag", true)));
  }

  @Test
  void aRichAndRequiresWhatItsFirstPartRequires() {
    ConditionSpec brandIsAcme = named(OURS + "FieldEquals", "brand", "acme");
    ConditionSpec priceOver3 = named(OURS + "FieldGreaterThan", "price", 3);
    assertEquals(new RequiredValue("brand", "acme", false),
        required(new ConditionSpec.And(List.of(brandIsAcme, priceOver3))));
    assertNull(required(new ConditionSpec.And(List.of(priceOver3, brandIsAcme))));
  }

  @Test
  void aRichOrRequiresAnyValueItsPartsRequireInOneField() {
    ConditionSpec brandIsAcme = named(OURS + "FieldEquals", "brand", "acme");
    ConditionSpec brandIsB = named(OURS + "FieldEquals", "brand", "b");
    ConditionSpec brandIs5 = named(OURS + "FieldEquals", "brand", 5L);
    assertEquals(new RequiredValue("brand", Arrays.asList("acme", "b", 5L), false),
        required(new ConditionSpec.Or(List.of(brandIsAcme, brandIsB, brandIs5, brandIsAcme))));
    assertEquals(new RequiredValue("eventType", Arrays.asList("cart", "view"), true),
        required(new ConditionSpec.Or(List.of(
            expression("eventType == 'cart' && price > 1"), expression("eventType == 'view'")))));
    // another field, a part requiring nothing, a text and a number compared by an expression
    assertNull(required(new ConditionSpec.Or(List.of(
        brandIsAcme, named(OURS + "FieldEquals", "eventType", "view")))));
    assertNull(required(new ConditionSpec.Or(List.of(
        brandIsAcme, named(OURS + "FieldGreaterThan", "price", 3)))));
    assertNull(required(new ConditionSpec.Or(List.of(
        expression("brand == 'acme'"), expression("brand == 5")))));
    assertNull(required(new ConditionSpec.Or(List.of(brandIsAcme, expression("brand == 'b'")))));
  }

  @Test
  void conditionsThatCanHoldWithoutOneValueRequireNone() {
    assertNull(required(named(DEMO + "InitialCondition")));
    assertNull(required(named(OURS + "FieldNotEquals", "brand", "acme")));
    assertNull(required(named(OURS + "FieldGreaterThan", "price", 3)));
    assertNull(required(named(OURS + "FieldExists", "price")));
    assertNull(required(named(OURS + "FieldEquals", "tags", List.of("a"))));
    assertNull(required(new ConditionSpec.Not(named(DEMO + "CartCondition"))));
  }

  @Test
  void anExpressionRequiresTheTextItsLeadingConjunctComparesAFieldWith() {
    assertEquals(new RequiredValue("eventType", "cart", true),
        required(expression("eventType == 'cart'")));
    assertEquals(new RequiredValue("eventType", "cart", true),
        required(expression("  eventType==\"cart\" && price > 200")));
    assertEquals(new RequiredValue("eventType", "cart", true),
        required(expression("eventType == 'cart' && (price > 200 || price < 5)")));
    assertEquals(new RequiredValue("eventType", "a||b", true),
        required(expression("eventType == 'a||b' && brand != 'x || y'")));
    assertEquals(new RequiredValue("eventType", "cart", true),
        required(expression("eventType == 'cart' && (price > 5 ? true : false)")));
  }

  /**
   * A conditional or a sequence after the leading conjunct takes the whole conjunction as its
   * condition or drops its value: {@code eventType == 'cart' && price > 5 ? false : true} is true
   * for every view.
   */
  @Test
  void aConditionalOrASequenceAtTheTopLevelRequiresNothing() {
    for (String text : List.of("eventType == 'cart' && price > 5 ? false : true",
        "eventType == 'cart' && price > 5; true")) {
      assertTrue(compiled(expression(text)).test(
          Event.of(Map.of("eventType", "view", "price", 1)), CONTEXT), text + " for a view");
      assertNull(required(expression(text)), text);
    }
  }

  @Test
  void anExpressionRequiresThePlainNumberItsLeadingConjunctComparesAFieldWith() {
    assertEquals(new RequiredValue("productId", 1000042L, true),
        required(expression("productId == 1000042")));
    assertEquals(new RequiredValue("price", 5.5, true),
        required(expression("price == 5.5 && eventType == 'cart'")));
    assertEquals(new RequiredValue("price", 0L, true), required(expression("price == 0")));
    for (String text : List.of("productId == 5M", "productId == 5N", "productId == 0x10",
        "productId == 007", "productId == -5", "productId == 1e3", "productId == 5.",
        "productId == 99999999999999999999", "productId == 5 || price > 1")) {
      assertNull(required(expression(text)), text);
    }
  }

  @Test
  void aTopLevelOrOfLeadingComparisonsOnOneFieldRequiresAnyOfTheirValues() {
    assertEquals(new RequiredValue("productId", List.of("1", "2", "3"), true),
        required(expression("productId == '1' || productId == '2' || productId == '3'")));
    assertEquals(new RequiredValue("productId", List.of(1L, 2.5), true),
        required(expression("productId == 1 || productId == 2.5 && price > 5")));
    assertEquals(new RequiredValue("eventType", List.of("cart", "a||b"), true),
        required(expression("eventType == 'cart' && (price > 1 || price < 0) || eventType == "
            + "'a||b'")));
    for (String text : List.of(
        "productId == '1' || brand == '2'",
        "productId == '1' || productId == 2",
        "productId == '1' || price > 5",
        "productId == '1' || productId == '2' ? true : false",
        "productId == '1' || productId == '2'; true")) {
      assertNull(required(expression(text)), text);
    }
  }

  @Test
  void aBracketedExpressionOfThatShapeRequiresWhatItRequiresWhenItIsALeadingConjunct() {
    assertEquals(new RequiredValue("productId", List.of("1", "2"), true),
        required(expression("(productId == '1' || productId == '2') && price > 5")));
    assertEquals(new RequiredValue("eventType", List.of("cart"), true),
        required(expression("(eventType == 'cart') && price > 200")));
    assertEquals(new RequiredValue("productId", List.of(1L, 2L, 3L), true),
        required(expression("( (productId == 1) || productId == 2 ) && price > 5 "
            + "|| productId == 3")));
    assertEquals(new RequiredValue("eventType", List.of("a)", "b"), true),
        required(expression("((eventType == 'a)' || eventType == 'b' && (price > 1)))")));
    for (String text : List.of(
        "(productId == '1' || brand == '2') && price > 5",
        "(productId == '1') || price > 5",
        "(productId == '1' || productId == '2') || price > 5",
        "(productId == '1') == true",
        "(productId == '1') && price > 5 || brand == 'x'",
        "(productId == '1' ? true : false) && price > 5",
        "(price > 5) && productId == '1'")) {
      assertNull(required(expression(text)), text);
    }
  }

  @Test
  void anExpressionWhoseLeadingComparisonIsNotAConjunctOfTheWholeRequiresNothing() {
    for (String text : List.of(
        "eventType == 'cart' && price > 200 || price < 5",
        "eventType == 'cart' ? price > 1 : true",
        "'cart' == eventType",
        "eventType != 'cart'",
        "eventType =~ /cart/",
        "user.country == 'DE'",
        "nil == 'cart'",
        "eventType == 'it\\'s'",
        "eventType == 'cart' ## a comment",
        "eventType == 'cart' && price > 200 ## ) || true",
        "eventType == 'cart' & price > 200",
        "eventType == 'cart' && count('x') > 1",
        "eventType == price")) {
      assertNull(required(expression(text)), text);
    }
  }

  /** Every declared requirement against its condition's answers, value by value. */
  @Test
  void aValueARequirementRulesOutMakesItsConditionFalseWithoutThrowing() {
    List<ConditionSpec> specs = new ArrayList<>(List.of(
        named(DEMO + "FirstViewCondition"), named(DEMO + "CartAddCondition"),
        named(DEMO + "PurchaseCondition"), named(DEMO + "CartCondition"),
        named(OURS + "EventTypeIs", "cart"),
        expression("eventType == 'cart'"),
        expression("eventType == 'cart' && price > 200"),
        expression("eventType == 'cart' && price.x > 200"),
        expression("eventType == '5' && (string.length(eventType) > 0 || price.z > 1)"),
        expression("eventType == 5 && price > 1"),
        expression("eventType == 5.0"),
        expression("eventType == 0 && price.z > 1"),
        expression("eventType == 'cart' || eventType == 'view' && price > 1"),
        expression("eventType == 5 || eventType == 7.5 || eventType == 0 && price.z > 1"),
        expression("(eventType == 'cart' || eventType == 'view') && price.z > 1"),
        expression("((eventType == 5)) && (price.z > 1 || price < 0) || eventType == 0.0"),
        new ConditionSpec.And(List.of(named(OURS + "FieldEquals", "eventType", "cart"),
            expression("price.z > 1"), named(DEMO + "CartAddCondition"))),
        new ConditionSpec.Or(List.of(named(OURS + "FieldEquals", "eventType", "cart"),
            named(OURS + "FieldEquals", "eventType", 5L), named(DEMO + "CartAddCondition"))),
        new ConditionSpec.Or(List.of(expression("eventType == 'view' && price.z > 1"),
            expression("eventType == ''")))));
    for (Object expected : VALUES) {
      if (expected != null && !(expected instanceof List) && !(expected instanceof Map)
          && !(expected instanceof Double d && d.isNaN())) {
        specs.add(named(OURS + "FieldEquals", "eventType", expected));
      }
    }
    int checked = 0;
    for (ConditionSpec spec : specs) {
      Condition condition = compiled(spec);
      RequiredValue required = condition.requiredValue();
      assertNotNull(required, spec.toString());
      for (Object value : VALUES) {
        if (!required.rulesOut(value)) {
          continue;
        }
        Map<String, Object> fields = new HashMap<>();
        if (value != null) {
          fields.put("eventType", value); // null: the field is absent
        }
        fields.put("price", 300);
        assertFalse(condition.test(Event.of(fields), CONTEXT), spec + " with " + value);
        checked++;
      }
    }
    assertEquals(true, checked > 150, "values checked: " + checked);
  }

  /** FieldEquals holds exactly for the values that meet its requirement. */
  @Test
  void fieldEqualsHoldsExactlyForTheValuesMeetingItsRequirement() {
    for (Object expected : VALUES) {
      if (expected == null) {
        continue; // refused: FieldExists says that
      }
      Condition condition = compiled(named(OURS + "FieldEquals", "f", expected));
      RequiredValue required = condition.requiredValue();
      if (required == null) {
        continue; // a list, a map or NaN: kept out of the index
      }
      for (Object value : VALUES) {
        Map<String, Object> fields = new HashMap<>();
        if (value != null) {
          fields.put("f", value);
        }
        assertEquals(condition.test(Event.of(fields), CONTEXT), required.isMetBy(value),
            "FieldEquals " + expected + " with " + value);
      }
    }
  }
}
