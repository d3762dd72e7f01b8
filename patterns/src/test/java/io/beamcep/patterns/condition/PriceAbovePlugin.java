package io.beamcep.patterns.condition;

import java.util.List;

/**
 * A condition plugin as a user writes one: {@code com.example.cep.PriceAbove [type, price]} takes
 * events of that type dearer than that price. Listed in this module's test resources under
 * META-INF/services, so {@link ConditionRegistry#defaults()} holds it in the tests.
 */
public final class PriceAbovePlugin implements ConditionPlugin {
  public static final String NAME = "com.example.cep.PriceAbove";

  @Override
  public void register(ConditionRegistry.Builder conditions) {
    conditions.register(NAME, PriceAbovePlugin::priceAbove);
  }

  private static Condition priceAbove(List<Object> args) {
    if (args.size() != 2 || !(args.get(0) instanceof String type)
        || !(args.get(1) instanceof Number limit)) {
      throw new IllegalArgumentException("PriceAbove takes [type, price], got " + args);
    }
    double price = limit.doubleValue();
    return Condition.eventOnly((event, context) -> type.equals(event.get("type"))
        && event.get("price") instanceof Number value && value.doubleValue() > price);
  }

  /** Registers this plugin's name again, as a second plugin of a user might. */
  public static final class TakesItsName implements ConditionPlugin {
    @Override
    public void register(ConditionRegistry.Builder conditions) {
      conditions.register(NAME, args -> (event, context) -> true);
    }
  }

  /** Registers a built-in's name: refused when plugins are loaded. */
  public static final class TakesABuiltInName implements ConditionPlugin {
    @Override
    public void register(ConditionRegistry.Builder conditions) {
      conditions.register("io.beamcep.conditions.EventTypeIs", args -> (event, context) -> true);
    }
  }
}
