package io.beamcep.runners.cli;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionPlugin;
import io.beamcep.patterns.condition.ConditionRegistry;
import java.util.List;

/**
 * A condition plugin as a user ships one beside the job: {@code com.acme.cep.CartAbove [price]},
 * a cart dearer than the price. Listed in this module's test resources under META-INF/services.
 */
public final class CartAbovePlugin implements ConditionPlugin {
  public static final String NAME = "com.acme.cep.CartAbove";

  @Override
  public void register(ConditionRegistry.Builder conditions) {
    conditions.register(NAME, CartAbovePlugin::cartAbove);
  }

  private static Condition cartAbove(List<Object> args) {
    if (args.size() != 1 || !(args.get(0) instanceof Number limit)) {
      throw new IllegalArgumentException("CartAbove takes [price], got " + args);
    }
    double price = limit.doubleValue();
    return Condition.eventOnly((event, context) -> "cart".equals(event.get("eventType"))
        && event.get("price") instanceof Number value && value.doubleValue() > price);
  }
}
