package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.condition.Condition;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.flink.FlinkMatchContext;
import io.beamcep.patterns.flink.GraphToFlinkPattern;
import io.beamcep.patterns.model.ConditionSpec;
import io.beamcep.patterns.model.Graph;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * The parity tests' wiring of {@link GraphToFlinkPattern}: conditions are OUR compiled conditions
 * wrapped for Flink, so both engines judge events with the same code and differ only in matching
 * semantics. The wrapped conditions are not serializable; the harness runs Flink's NFA in-process.
 */
public final class FlinkPatternTranslator {

  /** Compiles one condition spec; {@code jsonPath} locates it in the rule row for errors. */
  @FunctionalInterface
  public interface ConditionCompiler {
    Condition compile(ConditionSpec spec, String jsonPath);
  }

  private final GraphToFlinkPattern translation;

  public FlinkPatternTranslator(ConditionCompiler conditions) {
    this.translation =
        new GraphToFlinkPattern(
            (spec, path, ordinal) -> new OurCondition(conditions.compile(spec, path)));
  }

  /** A translator using the same condition registry our engine uses by default. */
  public static FlinkPatternTranslator withDefaultConditions() {
    ConditionRegistry registry = ConditionRegistry.defaults();
    return new FlinkPatternTranslator(registry::compile);
  }

  public Pattern<Event, ?> translate(Graph graph) {
    return translation.translate(graph);
  }

  /** Our condition seen through Flink's iterative-condition interface. */
  private static final class OurCondition extends IterativeCondition<Event> {
    private static final long serialVersionUID = 1L;
    private final transient Condition condition;

    OurCondition(Condition condition) {
      this.condition = condition;
    }

    @Override
    public boolean filter(Event event, Context<Event> flink) {
      return condition.test(event, new FlinkMatchContext(flink));
    }
  }
}
