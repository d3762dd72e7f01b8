package io.beamcep.runners.bench;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * State size per key, measured at engine level (what the pipeline stores per key is the engine's
 * {@link KeyState#toBytes()}): the stream is fed per user, a key's due timers fire before its next
 * event (as a host's would), and at the end the state is measured twice: as left at the last
 * event, and after time has passed every window (it must then be empty).
 */
final class StateProbe {
  /**
   * Far past the longest seed window (minutes); not MAX_VALUE, which window arithmetic overflows.
   */
  static final long AFTER_EVERY_WINDOW_MS = 7L * 24 * 3600 * 1000;

  /**
   * @param keysSeen distinct users that sent an event
   * @param keysWithState keys holding state at the end of the stream (watermark = last event)
   * @param keysWithPartials of those, keys with at least one partial match
   * @param bytes total serialized state at the end of the stream
   * @param keysWithStateAfterWindows keys still holding state once every window has expired
   */
  record Summary(long keysSeen, long keysWithState, long keysWithPartials, long bytes,
      long keysWithStateAfterWindows) {
    double bytesPerKeyWithState() {
      return keysWithState == 0 ? 0 : (double) bytes / keysWithState;
    }
  }

  private StateProbe() {}

  static Summary measure(String rowsJsonArray, long seed, int users, long events) {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> rules = new ArrayList<>();
    for (Rule rule : RuleJson.parseRuleRows(rowsJsonArray)) {
      rules.add(compiler.compile(rule));
    }
    Matcher matcher = Matcher.of(rules);
    Map<String, KeyState> states = new HashMap<>();
    long seen = 0;
    long last = Long.MIN_VALUE;
    ClickStreamGenerator stream =
        ClickStreamGenerator.builder().seed(seed).users(users).events(events).build();
    for (TimedEvent timed : stream) {
      String user = timed.event().getString("userId");
      KeyState state = states.get(user);
      if (state == null) {
        state = KeyState.empty();
        states.put(user, state);
        seen++;
      } else if (state.nextDeadline() <= timed.timestamp()) {
        matcher.advanceTime(state, timed.timestamp());
      }
      matcher.process(state, timed.event(), timed.timestamp());
      last = timed.timestamp();
    }
    long withState = 0;
    long withPartials = 0;
    long bytes = 0;
    for (KeyState state : states.values()) {
      if (state.nextDeadline() <= last) {
        matcher.advanceTime(state, last);
      }
      if (!state.isEmpty()) {
        withState++;
        bytes += state.toBytes().length;
        if (state.partialMatchCount() > 0) {
          withPartials++;
        }
      }
    }
    long afterWindows = 0;
    for (KeyState state : states.values()) {
      matcher.advanceTime(state, last + AFTER_EVERY_WINDOW_MS);
      if (!state.isEmpty()) {
        afterWindows++;
      }
    }
    return new Summary(seen, withState, withPartials, bytes, afterWindows);
  }
}
