package io.beamcep.patterns.flink;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.ConditionSpec;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * How {@link GraphToFlinkPattern} turns one of the rule's conditions into a Flink condition. The
 * translation is the same everywhere; only this differs: the parity tests wrap our compiled
 * conditions directly, while a real Flink job needs conditions that survive Java serialization.
 */
@FunctionalInterface
public interface FlinkConditions {

  /**
   * The Flink condition for {@code spec}.
   *
   * @param jsonPath where the condition sits in the rule row, for error messages
   * @param ordinal position of this condition in translation order (0, 1, ...); the same graph
   *     always yields the same ordinals, so a condition can be found again by its ordinal after
   *     the pattern has been shipped
   */
  IterativeCondition<Event> condition(ConditionSpec spec, String jsonPath, int ordinal);
}
