package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.Graph;
import io.beamcep.patterns.model.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Drives our engine exactly as {@link FlinkCepHarness} drives Flink: events sorted stably by
 * timestamp, {@code advanceTime} once per distinct timestamp before its events, and a final
 * {@code advanceTime(endOfInput)}. The two outcomes are therefore directly comparable.
 */
public final class OurEngineRunner {

  /** The outcome plus the key state left behind, for emptiness checks. */
  public record Run(FlinkCepHarness.Outcome outcome, KeyState state) {}

  private OurEngineRunner() {}

  public static Run run(Graph pattern, List<TimedEvent> input, long endOfInput) {
    return run(pattern, input, endOfInput, false);
  }

  /**
   * As {@link #run(Graph, List, long)}; with {@code throughBytes} the key state is written to bytes
   * and read back after every step, as a host restoring from a checkpoint would.
   */
  public static Run run(
      Graph pattern, List<TimedEvent> input, long endOfInput, boolean throughBytes) {
    CompiledRule compiled =
        new RuleCompiler(ConditionRegistry.defaults()).compile(new Rule("spec", 1, pattern, null));
    Matcher matcher = Matcher.of(List.of(compiled));
    KeyState state = KeyState.empty();
    List<TimedEvent> events = new ArrayList<>(input);
    events.sort(Comparator.comparingLong(TimedEvent::timestamp));
    List<Map<String, List<Event>>> matches = new ArrayList<>();
    List<Map<String, List<Event>>> timeouts = new ArrayList<>();
    Long lastAdvanced = null;
    for (TimedEvent event : events) {
      if (lastAdvanced == null || lastAdvanced != event.timestamp()) {
        collect(matcher.advanceTime(state, event.timestamp()), matches, timeouts);
        lastAdvanced = event.timestamp();
      }
      collect(matcher.process(state, event.event(), event.timestamp()), matches, timeouts);
      if (throughBytes) {
        state = KeyState.fromBytes(state.toBytes());
      }
    }
    collect(matcher.advanceTime(state, endOfInput), matches, timeouts);
    return new Run(
        new FlinkCepHarness.Outcome(List.copyOf(matches), List.copyOf(timeouts), state.isEmpty()),
        state);
  }

  private static void collect(
      List<Match> produced,
      List<Map<String, List<Event>>> matches,
      List<Map<String, List<Event>>> timeouts) {
    for (Match match : produced) {
      (match.kind() == Match.Kind.MATCH ? matches : timeouts).add(match.events());
    }
  }
}
