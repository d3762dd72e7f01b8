package io.beamcep.pipeline.match;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.EventCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Processing-time matching per key: events are matched in arrival order, each stamped with the
 * processing time at which it is matched, and windows close when the processing-time clock passes
 * their deadline (so timeouts and trailing notFollowedBy matches come out at window close, not at
 * the next event).
 *
 * <p>One clock for events and windows: the runner's processing-time clock, the one that fires the
 * timers (tests drive it). An event reads it through its timer's {@link
 * Timer#getCurrentRelativeTime()} (the runner's {@code currentProcessingTime()}) and is matched at
 * once; the one timer per key is set only when the key's next timer ({@link Matcher#nextTimer}: the
 * next window closing that returns something, else the time all have closed by) comes before the
 * pending one (an early tick re-arms for the deadline then due). There is no race with a
 * deadline timer that is due but has not fired yet: the engine first advances the key's time to the
 * event's, closing that window before the event is matched, and the late timer then finds nothing
 * left to close. The engine state's own time ({@link KeyState#time()}) keeps engine time
 * non-decreasing if the runner's clock steps back.
 *
 * <p>Earlier versions queued every event in {@code arrivals} and matched the queue from a timer
 * set for "now" (a timer per event, and the key state decoded and encoded per timer). A savepoint
 * of such a version may still hold queued arrivals: they are matched by the timer, as before, and
 * events arriving for that key until then are queued behind them to keep arrival order.
 *
 * <p>The engine state is kept as an object ({@link KeyStateCoder}): on heap backends an event
 * neither decodes nor encodes it.
 *
 * <p>State and timer ids are a savepoint contract: never rename them.
 */
final class ProcessingTimeMatcherDoFn extends DoFn<KV<String, Event>, Alert> {
  /** Arrived events not yet matched, in arrival order. */
  private static final String ARRIVALS = "arrivals";
  /** The engine's per-key state ({@link KeyStateCoder}); absent when empty. */
  private static final String KEY_STATE = "keyState";
  /**
   * Written by earlier versions: the last processing time the key was matched at, which the engine
   * state holds too ({@link KeyState#time()}); on RocksDB reading and writing it was an eighth of
   * the matcher's time. Cleared with the key's state, so that no older key keeps it.
   */
  private static final String CLOCK = "clock";
  /** The one processing-time timer per key: match arrivals now, or close the next window. */
  private static final String TICK = "tick";
  /** When the pending {@link #TICK} fires (timers cannot be read back); absent when none is. */
  private static final String TICK_AT = "tickAt";

  @StateId(ARRIVALS)
  private final StateSpec<BagState<Event>> arrivalsSpec = StateSpecs.bag(EventCoder.of());

  @StateId(KEY_STATE)
  private final StateSpec<ValueState<KeyState>> keyStateSpec =
      StateSpecs.value(KeyStateCoder.of());

  @StateId(CLOCK)
  private final StateSpec<ValueState<Long>> clockSpec = StateSpecs.value(VarLongCoder.of());

  @StateId(TICK_AT)
  private final StateSpec<ValueState<Long>> tickAtSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TICK)
  private final TimerSpec tickSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private final MatcherRules rules;
  private final MatchEmitter emitter;

  private final MatcherMetrics metrics = new MatcherMetrics();

  @StartBundle
  public void startBundle() {
    rules.startBundle();
  }

  ProcessingTimeMatcherDoFn(MatcherRules rules) {
    this.rules = rules;
    this.emitter = new MatchEmitter();
  }

  @ProcessElement
  public void process(
      ProcessContext context,
      @Element KV<String, Event> element,
      @StateId(ARRIVALS) BagState<Event> arrivals,
      @StateId(KEY_STATE) ValueState<KeyState> keyState,
      @StateId(CLOCK) ValueState<Long> clock,
      @StateId(TICK_AT) ValueState<Long> tickAt,
      @TimerId(TICK) Timer tick,
      MultiOutputReceiver out) {
    metrics.eventsIn.inc();
    CompiledRuleSet current = rules.forElement(context);
    if (!arrivals.isEmpty().read()) {
      // Queued by an earlier version (see the class comment): stay behind them.
      arrivals.add(element.getValue());
      tick.offset(Duration.ZERO).setRelative();
      tickAt.write(tick.getCurrentRelativeTime().getMillis());
      return;
    }
    KeyState state = keyState.read();
    if (state == null) {
      // A key holding state has stored engine state (or, from an earlier version, arrivals).
      metrics.stateCreated.inc();
      state = KeyState.empty();
    }
    long now = Math.max(tick.getCurrentRelativeTime().getMillis(), state.time());
    List<Match> matches = new ArrayList<>();
    current.matcher().process(state, element.getValue(), now, matches);
    current.matcher().advanceTime(state, now, matches);
    emitter.emit(matches, current, element.getKey(), out);
    emitter.reportRuleCounters(current);
    long deadline = store(current.matcher(), state, keyState, clock, tickAt);
    if (deadline != Long.MAX_VALUE) {
      armTick(tick, tickAt, deadline, now);
    }
  }

  @OnTimer(TICK)
  public void onTick(
      OnTimerContext context,
      @Key String key,
      @StateId(ARRIVALS) BagState<Event> arrivals,
      @StateId(KEY_STATE) ValueState<KeyState> keyState,
      @StateId(CLOCK) ValueState<Long> clock,
      @StateId(TICK_AT) ValueState<Long> tickAt,
      @TimerId(TICK) Timer tick,
      MultiOutputReceiver out) {
    metrics.timersFired.inc();
    tickAt.clear(); // this timer has fired: none is pending
    CompiledRuleSet current = rules.forTimer();
    if (current == null) {
      // Restored before any element brought the rules into this JVM, and the rule source could
      // not be read (or the transform has none): look again shortly.
      tick.offset(MatcherDoFn.RULES_RETRY_DELAY).setRelative();
      tickAt.write(context.fireTimestamp().plus(MatcherDoFn.RULES_RETRY_DELAY).getMillis());
      return;
    }
    KeyState stored = keyState.read();
    Iterable<Event> queued = arrivals.read();
    boolean hasQueued = queued.iterator().hasNext();
    if (stored == null && !hasQueued) {
      // A deadline timer left behind when the key's state emptied at an event: nothing to close.
      return;
    }
    KeyState state = stored == null ? KeyState.empty() : stored;
    long now = Math.max(context.fireTimestamp().getMillis(), state.time());
    List<Match> matches = new ArrayList<>();
    if (hasQueued) {
      for (Event event : queued) {
        current.matcher().process(state, event, now, matches);
      }
      arrivals.clear();
    }
    current.matcher().advanceTime(state, now, matches);
    emitter.emit(matches, current, key, out);
    emitter.reportRuleCounters(current);
    long deadline = store(current.matcher(), state, keyState, clock, tickAt);
    if (deadline != Long.MAX_VALUE) {
      armTick(tick, tickAt, deadline, now);
    }
  }

  /**
   * Writes the key's state back after matching, or clears it when empty. Returns
   * when the key's time must next advance ({@link Matcher#nextTimer}), or {@code Long.MAX_VALUE}
   * when never.
   */
  private long store(Matcher matcher, KeyState state, ValueState<KeyState> keyState,
      ValueState<Long> clock, ValueState<Long> tickAt) {
    metrics.partialMatches.update(state.partialMatchCount());
    if (state.isEmpty()) {
      keyState.clear();
      clock.clear(); // an earlier version's
      // A pending tick may still fire; it finds nothing. Forgetting it keeps idle keys stateless.
      tickAt.clear();
      metrics.stateCleared.inc();
      return Long.MAX_VALUE;
    }
    // The engine changed the object in place; heap backends hold it already, others encode it.
    keyState.write(state);
    return matcher.nextTimer(state);
  }

  /**
   * Makes sure a tick fires by {@code deadline}. A pending tick that fires earlier is kept: setting
   * a timer costs a fifth of the matcher's time when done per event (Flink's timer heap and Beam's
   * watermark-hold bookkeeping), and most events move a key's deadline later (a partial match
   * completes, a newer one starts). The early tick closes nothing that is not due and re-arms for
   * the deadline of its time.
   */
  private static void armTick(Timer tick, ValueState<Long> tickAt, long deadline, long now) {
    long fireAt = Math.max(deadline, now + 1);
    Long pending = tickAt.read();
    if (pending != null && pending <= fireAt) {
      return;
    }
    // Absolute: relative to the (later) moment the callback runs, the window would close late.
    tick.set(new Instant(fireAt));
    tickAt.write(fireAt);
  }
}
