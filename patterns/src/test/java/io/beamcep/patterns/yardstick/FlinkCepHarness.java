package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.event.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.time.TimerService;

/**
 * Runs a native Flink CEP pattern over one key's events in event time, driving Flink's own NFA
 * the way {@code CepOperator} does when the watermark passes: for each distinct timestamp in
 * order, {@code advanceTime} first (timeouts, trailing notFollowedBy matches), then every event of
 * that timestamp in input order. No job, no cluster: one case costs microseconds.
 */
public final class FlinkCepHarness {

  /**
   * What Flink produced, each list in emission order.
   *
   * @param matches complete matches: pattern name to events
   * @param timeouts partial matches whose window closed
   * @param drained true when, after the end of input, no partial match holds an event any more
   */
  public record Outcome(
      List<Map<String, List<Event>>> matches,
      List<Map<String, List<Event>>> timeouts,
      boolean drained) {

    /** An outcome whose engine state was not inspected. */
    public Outcome(
        List<Map<String, List<Event>>> matches, List<Map<String, List<Event>>> timeouts) {
      this(matches, timeouts, false);
    }
  }

  private FlinkCepHarness() {}

  /**
   * Feeds {@code events} (sorted here by timestamp, stably) and finally advances time to
   * {@code endOfInput}, which should lie past every window so that nothing stays pending.
   */
  public static Outcome run(Pattern<Event, ?> pattern, List<TimedEvent> events, long endOfInput) {
    try {
      return drive(pattern, events, endOfInput);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Flink CEP failed", e);
    }
  }

  /**
   * Compiles the pattern the way a Flink job would, so that patterns Flink refuses throw its
   * {@code MalformedPatternException} here.
   */
  public static void compile(Pattern<Event, ?> pattern) {
    NFACompiler.compileFactory(pattern, true).createNFA();
  }

  private static Outcome drive(Pattern<Event, ?> pattern, List<TimedEvent> input, long endOfInput)
      throws Exception {
    NFA<Event> nfa = NFACompiler.compileFactory(pattern, true).createNFA();
    AfterMatchSkipStrategy skip =
        pattern.getAfterMatchSkipStrategy() == null
            ? AfterMatchSkipStrategy.noSkip()
            : pattern.getAfterMatchSkipStrategy();
    SharedBuffer<Event> buffer =
        new SharedBuffer<>(
            new InMemoryKeyedStateStore(),
            new KryoSerializer<>(Event.class, new ExecutionConfig()));
    try {
      return drive(nfa, buffer, skip, input, endOfInput);
    } finally {
      // each SharedBuffer starts a java.util.Timer thread for cache statistics; without this a
      // run of tens of thousands of cases exhausts the machine's threads
      buffer.releaseCacheStatisticsTimer();
    }
  }

  private static Outcome drive(NFA<Event> nfa, SharedBuffer<Event> buffer,
      AfterMatchSkipStrategy skip, List<TimedEvent> input, long endOfInput) throws Exception {
    NFAState state = nfa.createInitialNFAState();
    // Processing time never drives anything in event-time mode.
    TimerService timers = () -> 0L;

    List<TimedEvent> events = new ArrayList<>(input);
    events.sort(Comparator.comparingLong(TimedEvent::timestamp));
    List<Map<String, List<Event>>> matches = new ArrayList<>();
    List<Map<String, List<Event>>> timeouts = new ArrayList<>();
    Long lastAdvanced = null;
    for (TimedEvent event : events) {
      if (lastAdvanced == null || lastAdvanced != event.timestamp()) {
        advance(nfa, buffer, state, event.timestamp(), skip, matches, timeouts);
        lastAdvanced = event.timestamp();
      }
      try (SharedBufferAccessor<Event> accessor = buffer.getAccessor()) {
        matches.addAll(
            nfa.process(accessor, state, event.event(), event.timestamp(), skip, timers));
      }
    }
    advance(nfa, buffer, state, endOfInput, skip, matches, timeouts);
    return new Outcome(List.copyOf(matches), List.copyOf(timeouts), buffer.isEmpty());
  }

  private static void advance(
      NFA<Event> nfa,
      SharedBuffer<Event> buffer,
      NFAState state,
      long timestamp,
      AfterMatchSkipStrategy skip,
      List<Map<String, List<Event>>> matches,
      List<Map<String, List<Event>>> timeouts)
      throws Exception {
    try (SharedBufferAccessor<Event> accessor = buffer.getAccessor()) {
      Tuple2<
              java.util.Collection<Map<String, List<Event>>>,
              java.util.Collection<Tuple2<Map<String, List<Event>>, Long>>>
          result = nfa.advanceTime(accessor, state, timestamp, skip);
      matches.addAll(result.f0);
      result.f1.forEach(timedOut -> timeouts.add(timedOut.f0));
    }
  }
}
