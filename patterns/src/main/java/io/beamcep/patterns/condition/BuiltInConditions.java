package io.beamcep.patterns.condition;

import io.beamcep.patterns.event.Event;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The conditions every registry knows: small field tests under our own names, and the five
 * condition classes of the reference's e-commerce demo under their original class names, with the
 * same results as the demo's Java code.
 *
 * <p>They run for every event on every partial match, so they read each field once, compare
 * without converting to text and allocate nothing.
 */
public final class BuiltInConditions {
  private static final String OURS = "io.beamcep.conditions.";
  private static final String DEMO = "com.alibaba.ververica.cep.demo.condition.";

  /** {@code EventTypeIs [type]}: the event's {@code eventType} equals the argument. */
  public static final String EVENT_TYPE_IS = OURS + "EventTypeIs";
  /** {@code FieldEquals [field, value]}: numbers compare by value (200 equals 200.0). */
  public static final String FIELD_EQUALS = OURS + "FieldEquals";
  /** {@code FieldNotEquals [field, value]}: the negation of FieldEquals. */
  public static final String FIELD_NOT_EQUALS = OURS + "FieldNotEquals";
  /** {@code FieldGreaterThan [field, number]}: false when the field is absent or not numeric. */
  public static final String FIELD_GREATER_THAN = OURS + "FieldGreaterThan";
  /** {@code FieldLessThan [field, number]}: false when the field is absent or not numeric. */
  public static final String FIELD_LESS_THAN = OURS + "FieldLessThan";
  /** {@code FieldExists [field]}: the field is present and not null. */
  public static final String FIELD_EXISTS = OURS + "FieldExists";

  public static final String FIRST_VIEW = DEMO + "FirstViewCondition";
  public static final String CART_ADD = DEMO + "CartAddCondition";
  public static final String PURCHASE = DEMO + "PurchaseCondition";
  public static final String CART = DEMO + "CartCondition";
  public static final String INITIAL = DEMO + "InitialCondition";

  private static final String EVENT_TYPE = "eventType";
  private static final String PRICE = "price";
  private static final String PRODUCT_ID = "productId";
  private static final String INITIAL_VIEW = "initial_view";

  private BuiltInConditions() {}

  /**
   * Registers them all. The conditions made from arguments are shared by the rules that give equal
   * arguments ({@link SharedByArguments}): each depends on its arguments alone.
   */
  static void registerAll(ConditionRegistry.Builder builder) {
    builder
        .register(EVENT_TYPE_IS,
            SharedByArguments.of(args -> eventTypeIs(text(args, 0, "type", 1))))
        .register(FIELD_EQUALS, SharedByArguments.of(
            args -> fieldEquals(text(args, 0, "field", 2), value(args, 1))))
        .register(
            FIELD_NOT_EQUALS,
            SharedByArguments.of(args -> {
              Condition equals = fieldEquals(text(args, 0, "field", 2), value(args, 1));
              return Condition.eventOnly((event, context) -> !equals.test(event, context));
            }))
        .register(
            FIELD_GREATER_THAN,
            SharedByArguments.of(args -> {
              String field = text(args, 0, "field", 2);
              double bound = number(args, 1);
              return Condition.eventOnly((event, context) -> event.getDouble(field) > bound);
            }))
        .register(
            FIELD_LESS_THAN,
            SharedByArguments.of(args -> {
              String field = text(args, 0, "field", 2);
              double bound = number(args, 1);
              return Condition.eventOnly((event, context) -> event.getDouble(field) < bound);
            }))
        .register(
            FIELD_EXISTS,
            SharedByArguments.of(args -> {
              String field = text(args, 0, "field", 1);
              return Condition.eventOnly((event, context) -> event.get(field) != null);
            }))
        .register(FIRST_VIEW, noArgs(FIRST_VIEW, eventTypeIs("view")))
        .register(
            CART_ADD,
            noArgs(
                CART_ADD,
                Condition.requiring(RequiredValue.ofOrNull(EVENT_TYPE, "cart"), (event, context) ->
                    "cart".equals(event.get(EVENT_TYPE)) && event.getDouble(PRICE) > 200)))
        .register(PURCHASE, noArgs(PURCHASE, eventTypeIs("purchase")))
        .register(CART, noArgs(CART, eventTypeIs("cart")))
        .register(INITIAL, noArgs(INITIAL, BuiltInConditions::cheaperViewOfInitialProduct));
  }

  /**
   * The demo's InitialCondition: a view of the same product as the first {@code initial_view}
   * event, at a lower price. The demo reads the context before the event type; we test the type
   * first (cheaper), which gives the same answer whenever the demo's code does not throw. With no
   * {@code initial_view} event the demo throws; so does this, and the registry counts it.
   */
  private static boolean cheaperViewOfInitialProduct(Event event, MatchContext context) {
    if (!"view".equals(event.get(EVENT_TYPE))) {
      return false;
    }
    Event initialView = context.firstEventForPattern(INITIAL_VIEW);
    if (initialView == null) {
      throw new NoSuchElementException("no event matched '" + INITIAL_VIEW + "' yet");
    }
    // the price first: it sits with its event, while a product id read from a catalog is shared
    // by many events and mostly out of cache, and comparing two different ids loads both. The
    // answer is the demo's either way (both tests are total and have no effects).
    if (!(event.getDouble(PRICE) < initialView.getDouble(PRICE))) {
      return false;
    }
    Object productId = event.get(PRODUCT_ID);
    return productId != null && productId.equals(initialView.get(PRODUCT_ID));
  }

  private static Condition eventTypeIs(String type) {
    return fieldEquals(EVENT_TYPE, type);
  }

  private static Condition fieldEquals(String field, Object expected) {
    return new FieldEquals(field, expected);
  }

  /**
   * A field equal to a value: numbers by their double values, anything else by {@code equals}. A
   * class that declares what it requires itself, rather than a test beneath a declaration: every
   * rule of the reference tests its event type through it, and each wrapper was one more call.
   */
  private static final class FieldEquals implements Condition {
    private final String field;
    private final Object expected;
    private final boolean numeric;
    private final double bound;
    private final RequiredValue required;

    FieldEquals(String field, Object expected) {
      this.field = field;
      this.expected = expected;
      this.numeric = expected instanceof Number;
      this.bound = numeric ? ((Number) expected).doubleValue() : Double.NaN;
      this.required = RequiredValue.ofOrNull(field, expected);
    }

    @Override
    public boolean test(Event event, MatchContext context) {
      Object actual = event.get(field);
      return numeric
          ? actual instanceof Number number && number.doubleValue() == bound
          : Objects.equals(actual, expected);
    }

    @Override
    public boolean readsMatchContext() {
      return false;
    }

    @Override
    public RequiredValue requiredValue() {
      return required;
    }
  }

  private static ConditionFactory noArgs(String name, Condition condition) {
    return args -> {
      if (!args.isEmpty()) {
        throw new IllegalArgumentException(name + " takes no arguments but got " + args.size());
      }
      return condition;
    };
  }

  private static String text(List<Object> args, int index, String what, int arity) {
    requireArity(args, arity);
    if (!(args.get(index) instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(
          "argument "
              + index
              + " ("
              + what
              + ") must be a non-empty string but is "
              + args.get(index));
    }
    return text;
  }

  private static Object value(List<Object> args, int index) {
    Object value = args.get(index);
    if (value == null) {
      throw new IllegalArgumentException(
          "argument " + index + " (value) must not be null; use FieldExists");
    }
    return value;
  }

  private static double number(List<Object> args, int index) {
    if (!(args.get(index) instanceof Number number)) {
      throw new IllegalArgumentException(
          "argument " + index + " must be a number but is " + args.get(index));
    }
    return number.doubleValue();
  }

  private static void requireArity(List<Object> args, int arity) {
    if (args.size() != arity) {
      throw new IllegalArgumentException(
          "expects " + arity + " argument(s) but got " + args.size() + ": " + args);
    }
  }
}
