package io.beamcep.pipeline.match;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.EventCoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Event-time matching per key, shaped like Flink's CepOperator: events are buffered by timestamp
 * and drained in timestamp order when the watermark passes them, then time advances to close
 * windows.
 *
 * <p>Ordering contract for events of one key with equal timestamps: ascending by the configured
 * {@link CepMatchConfig#tieBreakField()} (see {@link TieBreakOrder}), else in arrival order at this
 * DoFn. Flink CEP matches them in arrival order, which there is source order; a Beam runner does
 * not keep arrival order across a shuffle (FlinkRunner's batch translation groups by key with an
 * unstable sort), so without a tie-break field equal-timestamp events may be matched in a
 * different order from run to run, and patterns that see both (e.g. view then cart in one
 * millisecond) may match differently. The order is applied when a timestamp is drained: all of its
 * events are in the buffer by then (later ones are late).
 *
 * <p>One event-time timer per key is pending at any time, at the earliest of the next buffered
 * timestamp and the key's next timer (both shifted by the allowed out-of-orderness): the next
 * window closing that returns something, else the time all of the key's windows have closed by
 * ({@link io.beamcep.patterns.engine.Matcher#nextTimer}). An event
 * at or before the last drained time of its key is late: it goes to the late output, never
 * silently dropped.
 *
 * <p>State and timer ids are a savepoint contract: never rename them.
 */
final class MatcherDoFn extends DoFn<KV<String, Event>, Alert> {
  /** Events not yet matched, by timestamp; each list in arrival order. */
  private static final String BUFFER = "buffer";
  /** The engine's per-key state ({@link KeyStateCoder}); absent when empty. */
  private static final String KEY_STATE = "keyState";
  /**
   * The key's buffered timestamps, pending drain and drained-until time ({@link KeyClock});
   * absent when the key holds nothing, and in state from before it.
   */
  private static final String KEY_CLOCK = "keyClock";
  /** Before {@link #KEY_CLOCK}: the distinct timestamps in {@link #BUFFER}; read to migrate. */
  private static final String BUFFERED_TIMES = "bufferedTimes";
  /** Before {@link #KEY_CLOCK}: when the pending drain fires; read to migrate. */
  private static final String DRAIN_AT = "drainAt";
  /** Before {@link #KEY_CLOCK}: the time the key was last drained to; read to migrate. */
  private static final String DRAINED_UNTIL = "drainedUntil";
  /** The one event-time timer per key: drain due events, close due windows. */
  private static final String DRAIN = "drain";
  /**
   * Processing-time retry when a drain is due before any rules reached this JVM (restart) and
   * they could not be read from the rule source.
   */
  private static final String RULES_RETRY = "rulesRetry";

  private static final long MAX_TIMER_MILLIS =
      BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis() - 1;

  /** How long to wait for the rules side input before retrying a due drain. */
  static final Duration RULES_RETRY_DELAY = Duration.standardSeconds(1);

  @StateId(BUFFER)
  private final StateSpec<MapState<Long, List<Event>>> bufferSpec =
      StateSpecs.map(VarLongCoder.of(), ListCoder.of(EventCoder.of()));

  @StateId(KEY_STATE)
  private final StateSpec<ValueState<KeyState>> keyStateSpec =
      StateSpecs.value(KeyStateCoder.of());

  @StateId(KEY_CLOCK)
  private final StateSpec<ValueState<KeyClock>> keyClockSpec =
      StateSpecs.value(KeyClock.Coder.of());

  @StateId(BUFFERED_TIMES)
  private final StateSpec<ValueState<BufferedTimes>> bufferedTimesSpec =
      StateSpecs.value(BufferedTimes.Coder.of());

  @StateId(DRAIN_AT)
  private final StateSpec<ValueState<Long>> drainAtSpec = StateSpecs.value(VarLongCoder.of());

  @StateId(DRAINED_UNTIL)
  private final StateSpec<ValueState<Long>> drainedUntilSpec =
      StateSpecs.value(VarLongCoder.of());

  @TimerId(DRAIN)
  private final TimerSpec drainSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  @TimerId(RULES_RETRY)
  private final TimerSpec rulesRetrySpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private final MatcherRules rules;
  private final long lagMillis;
  private final MatchEmitter emitter;
  /** Orders the events of one timestamp; null keeps arrival order. */
  private final TieBreakOrder tieBreak;

  private final Counter lateEvents = Metrics.counter(CepMatch.METRICS_NAMESPACE, "late_events");
  private final MatcherMetrics metrics = new MatcherMetrics();

  @StartBundle
  public void startBundle() {
    rules.startBundle();
  }

  MatcherDoFn(MatcherRules rules, CepMatchConfig config) {
    this.rules = rules;
    this.lagMillis = config.allowedOutOfOrderness().getMillis();
    this.emitter = new MatchEmitter();
    this.tieBreak =
        config.tieBreakField() == null ? null : new TieBreakOrder(config.tieBreakField());
  }

  @ProcessElement
  public void process(
      ProcessContext context,
      @Element KV<String, Event> element,
      @Timestamp Instant timestamp,
      @StateId(BUFFER) MapState<Long, List<Event>> buffer,
      @StateId(KEY_CLOCK) ValueState<KeyClock> keyClock,
      @StateId(BUFFERED_TIMES) ValueState<BufferedTimes> bufferedTimes,
      @StateId(DRAIN_AT) ValueState<Long> drainAt,
      @StateId(DRAINED_UNTIL) ValueState<Long> drainedUntil,
      @TimerId(DRAIN) Timer drain,
      MultiOutputReceiver out) {
    metrics.eventsIn.inc();
    rules.forElement(context); // brings the rules into this JVM for the drain timer
    long ts = timestamp.getMillis();
    KeyClock clock = KeyClock.read(
        keyClock, new KeyClock.LegacyCells(drainAt, drainedUntil, bufferedTimes, buffer));
    if (clock.isLate(ts)) {
      lateEvents.inc();
      out.get(CepMatch.LATE_EVENTS).output(element);
      return;
    }
    if (clock.isFresh()) {
      metrics.stateCreated.inc();
    }
    // The buffered times say whether events of this time are buffered already: most events come
    // at a time of their own, and on RocksDB looking the buffer up for them found nothing at the
    // price of a lookup each.
    boolean newTime = clock.buffered.add(ts);
    List<Event> sameTime = newTime ? null : buffer.get(ts).read();
    List<Event> updated = new ArrayList<>(sameTime == null ? 1 : sameTime.size() + 1);
    if (sameTime != null) {
      updated.addAll(sameTime);
    }
    updated.add(element.getValue());
    buffer.put(ts, updated);
    if (armIfEarlier(drain, clock, ts) || newTime) {
      keyClock.write(clock);
    }
  }

  @OnTimer(DRAIN)
  public void onDrain(
      OnTimerContext context,
      @Key String key,
      @StateId(BUFFER) MapState<Long, List<Event>> buffer,
      @StateId(KEY_STATE) ValueState<KeyState> keyState,
      @StateId(KEY_CLOCK) ValueState<KeyClock> keyClock,
      @StateId(BUFFERED_TIMES) ValueState<BufferedTimes> bufferedTimes,
      @StateId(DRAIN_AT) ValueState<Long> drainAt,
      @StateId(DRAINED_UNTIL) ValueState<Long> drainedUntil,
      @TimerId(DRAIN) Timer drain,
      @TimerId(RULES_RETRY) Timer rulesRetry,
      MultiOutputReceiver out) {
    metrics.timersFired.inc();
    KeyClock clock = KeyClock.read(
        keyClock, new KeyClock.LegacyCells(drainAt, drainedUntil, bufferedTimes, buffer));
    clock.drainFired();
    CompiledRuleSet current = rules.forTimer();
    if (current == null) {
      // No element has brought the rules into this JVM yet (e.g. just restored) and the rule
      // source could not be read (or the transform has none): keep everything and look again
      // shortly; an event-time timer in the past would fire in a loop instead.
      clock.armedAt(context.timestamp().getMillis());
      keyClock.write(clock);
      rulesRetry.withOutputTimestamp(context.timestamp()).offset(RULES_RETRY_DELAY).setRelative();
      return;
    }
    long now = context.timestamp().getMillis() - lagMillis;
    KeyState stored = keyState.read();
    KeyState state = stored == null ? KeyState.empty() : stored;
    BufferedTimes times = clock.buffered;
    List<Match> matches = new ArrayList<>();
    while (!times.isEmpty() && times.first() <= now) {
      long ts = times.pollFirst();
      List<Event> sameTime = buffer.get(ts).read();
      buffer.remove(ts);
      if (sameTime == null) {
        continue; // listed but not buffered: cannot happen unless state was edited
      }
      if (tieBreak != null && sameTime.size() > 1) {
        // Stable sort: events with equal tie-break values keep their arrival order.
        sameTime = new ArrayList<>(sameTime);
        sameTime.sort(tieBreak);
      }
      for (Event event : sameTime) {
        current.matcher().process(state, event, ts, matches);
      }
    }
    Long nextBuffered = times.isEmpty() ? null : times.first();
    current.matcher().advanceTime(state, now, matches);
    emitter.emit(matches, current, key, out);
    emitter.reportRuleCounters(current);
    metrics.partialMatches.update(state.partialMatchCount());

    if (nextBuffered == null && state.isEmpty()) {
      // Nothing pending for this key: drop all of its state so idle keys cost nothing. The buffer
      // is empty already: every buffered time is listed, and each was removed as it drained.
      // Clearing it as well scanned the key's entries on RocksDB, the removed ones included
      // until a compaction drops them: 61 % of the matcher's time in a streaming job there.
      keyClock.clear();
      keyState.clear();
      metrics.stateCleared.inc();
      return;
    }
    clock.drainedUntil(now);
    // The engine changed the object in place; heap backends hold it already, others encode it.
    keyState.write(state);
    long next = Math.min(nextBuffered == null ? Long.MAX_VALUE : nextBuffered,
        current.matcher().nextTimer(state));
    if (next != Long.MAX_VALUE) {
      armIfEarlier(drain, clock, Math.max(next, now + 1)); // none pending: it just fired
    }
    keyClock.write(clock);
  }

  @OnTimer(RULES_RETRY)
  public void onRulesRetry(
      @StateId(BUFFER) MapState<Long, List<Event>> buffer,
      @StateId(KEY_CLOCK) ValueState<KeyClock> keyClock,
      @StateId(BUFFERED_TIMES) ValueState<BufferedTimes> bufferedTimes,
      @StateId(DRAIN_AT) ValueState<Long> drainAt,
      @StateId(DRAINED_UNTIL) ValueState<Long> drainedUntil,
      @TimerId(DRAIN) Timer drain,
      @TimerId(RULES_RETRY) Timer rulesRetry) {
    KeyClock clock = KeyClock.read(
        keyClock, new KeyClock.LegacyCells(drainAt, drainedUntil, bufferedTimes, buffer));
    if (!clock.hasPendingDrain()) {
      return;
    }
    long due = clock.drainAt();
    if (rules.forTimer() == null) {
      rulesRetry.withOutputTimestamp(new Instant(due)).offset(RULES_RETRY_DELAY).setRelative();
      return;
    }
    // The watermark already passed this time: the timer fires at the next watermark update.
    drain.set(new Instant(due));
  }

  /**
   * Sets the drain timer to {@code eventTime} (+ lag) unless one is already due earlier, and
   * records it in {@code clock}; returns whether it did.
   */
  private boolean armIfEarlier(Timer drain, KeyClock clock, long eventTime) {
    long fireAt = Math.min(eventTime + lagMillis, MAX_TIMER_MILLIS);
    if (clock.hasPendingDrain() && clock.drainAt() <= fireAt) {
      return false;
    }
    drain.set(new Instant(fireAt));
    clock.armedAt(fireAt);
    return true;
  }
}
