package io.beamcep.patterns.property;

import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Match;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.yardstick.TimedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One key's host for the property tests that change a key's matcher partway: a timer at the
 * state's next deadline, fired before any later event (a deadline left behind fires at the next
 * millisecond), and the matcher and the key's state replaceable between events.
 */
final class OneKeyHost {
  Matcher matcher;
  KeyState state = KeyState.empty();
  final List<Match> results = new ArrayList<>();

  OneKeyHost(Matcher matcher) {
    this.matcher = matcher;
  }

  void process(TimedEvent event) {
    for (long due = state.nextDeadline(); due != Long.MAX_VALUE; due = state.nextDeadline()) {
      long to = Math.max(due, state.time() + 1);
      if (to >= event.timestamp()) {
        break;
      }
      matcher.advanceTime(state, to, results);
    }
    matcher.process(state, event.event(), event.timestamp(), results);
  }

  /** Fires the timers until none is left: every window has closed. */
  void fireAll() {
    for (long due = state.nextDeadline(); due != Long.MAX_VALUE; due = state.nextDeadline()) {
      matcher.advanceTime(state, Math.max(due, state.time() + 1), results);
    }
  }

  /** The key's state as a state backend on disk gives it back: decoded from its bytes. */
  void reload() {
    state = KeyState.fromBytes(state.toBytes());
  }
}
