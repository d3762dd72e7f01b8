package io.beamcep.pipeline.match;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.event.EventCoder;
import io.beamcep.pipeline.rules.RuleSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
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
import org.apache.beam.sdk.values.PCollectionView;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Processing-time matching per key: events are matched in arrival order, each stamped with the
 * processing time at which it is matched, and windows close when the processing-time clock passes
 * their deadline (so timeouts and trailing notFollowedBy matches come out at window close, not at
 * the next event).
 *
 * <p>Beam exposes processing time only to timers, so an arriving event is queued and a
 * processing-time timer for "now" matches the queue: the clock used for events and for windows is
 * then one and the same (the runner's, which tests can drive).
 *
 * <p>State and timer ids are a savepoint contract: never rename them.
 */
final class ProcessingTimeMatcherDoFn extends DoFn<KV<String, Event>, Alert> {
  /** Arrived events not yet matched, in arrival order. */
  private static final String ARRIVALS = "arrivals";
  /** The engine's per-key state ({@link KeyState#toBytes()}); absent when empty. */
  private static final String KEY_STATE = "keyState";
  /** The last processing time this key was matched at; keeps engine time non-decreasing. */
  private static final String CLOCK = "clock";
  /** The one processing-time timer per key: match arrivals now, or close the next window. */
  private static final String TICK = "tick";

  @StateId(ARRIVALS)
  private final StateSpec<BagState<Event>> arrivalsSpec = StateSpecs.bag(EventCoder.of());

  @StateId(KEY_STATE)
  private final StateSpec<ValueState<byte[]>> keyStateSpec = StateSpecs.value(ByteArrayCoder.of());

  @StateId(CLOCK)
  private final StateSpec<ValueState<Long>> clockSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId(TICK)
  private final TimerSpec tickSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  private final String transformId;
  private final PCollectionView<RuleSet> rulesView;
  private final MatchEmitter emitter;

  private final Counter eventsIn = Metrics.counter(CepMatch.METRICS_NAMESPACE, "events_in");
  private final Counter stateCreated =
      Metrics.counter(CepMatch.METRICS_NAMESPACE, "key_state_created");
  private final Counter stateCleared =
      Metrics.counter(CepMatch.METRICS_NAMESPACE, "key_state_cleared");
  private final Distribution partialMatches =
      Metrics.distribution(CepMatch.METRICS_NAMESPACE, "partial_matches_per_key");

  private transient CompiledRuleSet rules;

  ProcessingTimeMatcherDoFn(
      String transformId, PCollectionView<RuleSet> rulesView, CepMatchConfig config) {
    this.transformId = transformId;
    this.rulesView = rulesView;
    this.emitter = new MatchEmitter(config.timeouts());
  }

  @ProcessElement
  public void process(
      ProcessContext context,
      @Element KV<String, Event> element,
      @StateId(ARRIVALS) BagState<Event> arrivals,
      @StateId(CLOCK) ValueState<Long> clock,
      @TimerId(TICK) Timer tick) {
    eventsIn.inc();
    rules = RuleCache.current(rules, transformId, context.sideInput(rulesView));
    if (clock.read() == null && arrivals.isEmpty().read()) {
      // A key holding state has a clock (written by every tick that keeps state) or arrivals.
      stateCreated.inc();
    }
    arrivals.add(element.getValue());
    tick.offset(Duration.ZERO).setRelative();
  }

  @OnTimer(TICK)
  public void onTick(
      OnTimerContext context,
      @Key String key,
      @StateId(ARRIVALS) BagState<Event> arrivals,
      @StateId(KEY_STATE) ValueState<byte[]> keyState,
      @StateId(CLOCK) ValueState<Long> clock,
      @TimerId(TICK) Timer tick,
      MultiOutputReceiver out) {
    CompiledRuleSet current = RuleCache.latest(transformId);
    if (current == null) {
      current = rules;
    }
    if (current == null) {
      // Restored before any element brought the rules into this JVM: look again shortly.
      tick.offset(MatcherDoFn.RULES_RETRY_DELAY).setRelative();
      return;
    }
    Long last = clock.read();
    long now = Math.max(context.fireTimestamp().getMillis(), last == null ? Long.MIN_VALUE : last);
    byte[] before = keyState.read();
    KeyState state = before == null ? KeyState.empty() : KeyState.fromBytes(before);
    List<Match> matches = new ArrayList<>();
    for (Event event : arrivals.read()) {
      matches.addAll(current.matcher().process(state, event, now));
    }
    arrivals.clear();
    matches.addAll(current.matcher().advanceTime(state, now));
    emitter.emit(matches, current, key, out);
    emitter.reportConditionErrors(current);
    partialMatches.update(state.partialMatchCount());

    if (state.isEmpty()) {
      keyState.clear();
      clock.clear();
      stateCleared.inc();
      return;
    }
    clock.write(now);
    byte[] after = state.toBytes();
    if (before == null || !Arrays.equals(before, after)) {
      keyState.write(after);
    }
    long deadline = state.nextDeadline();
    if (deadline != Long.MAX_VALUE) {
      // Absolute: relative to the (later) moment this callback runs, the window would close late.
      tick.set(new Instant(Math.max(deadline, now + 1)));
    }
  }
}
