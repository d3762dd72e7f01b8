package io.beamcep.runners.bench.flinkcep;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.flink.FlinkMatchContext;
import io.beamcep.patterns.flink.GraphToFlinkPattern;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Graph;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * Turns one rule row into a native Flink CEP 1.19 {@link Pattern} that can travel in a Flink job.
 * The translation is the yardstick's ({@link GraphToFlinkPattern}, the one the parity tests prove
 * equal to our engine); what differs is the conditions: our compiled conditions are not
 * serializable, so each Flink condition carries the rule row text and the ordinal of its condition
 * in translation order, and compiles the rule's conditions on first use inside the Flink task.
 */
public final class RulePatternTranslator {

  private RulePatternTranslator() {}

  /** The Flink pattern of one rule row ({@code {"id":..,"pattern":..}} as a JSON object). */
  public static Pattern<Event, ?> translate(String ruleRowJson) {
    return new GraphToFlinkPattern(
            (spec, path, ordinal) -> new ShippedCondition(ruleRowJson, ordinal))
        .translate(graph(ruleRowJson));
  }

  /** The rule's compiled conditions, in the order {@link #translate(String)} numbers them. */
  static List<Condition> conditionsOf(String ruleRowJson) {
    ConditionRegistry registry = ConditionRegistry.defaults();
    List<Condition> compiled = new ArrayList<>();
    new GraphToFlinkPattern(
            (spec, path, ordinal) -> {
              compiled.add(registry.compile(spec, path));
              return new ShippedCondition(ruleRowJson, ordinal);
            })
        .translate(graph(ruleRowJson));
    return compiled;
  }

  private static Graph graph(String ruleRowJson) {
    return RuleJson.parseRuleRows("[" + ruleRowJson + "]").get(0).pattern();
  }

  /** Serializable stand-in for one of the rule's conditions, compiled again inside the task. */
  private static final class ShippedCondition extends IterativeCondition<Event> {
    private static final long serialVersionUID = 1L;
    private final String ruleRowJson;
    private final int ordinal;
    private transient Condition condition;

    ShippedCondition(String ruleRowJson, int ordinal) {
      this.ruleRowJson = ruleRowJson;
      this.ordinal = ordinal;
    }

    @Override
    public boolean filter(Event event, Context<Event> flink) {
      if (condition == null) {
        condition = conditionsOf(ruleRowJson).get(ordinal);
      }
      return condition.test(event, new FlinkMatchContext(flink));
    }
  }
}
