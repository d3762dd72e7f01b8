package io.beamcep.patterns.bench;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.util.Arrays;

/**
 * A synthetic stream generated once, up front, into arrays in time order, so that a pass replaying
 * it measures matching, not generation. Each event's key is its {@code userId}.
 */
final class RecordedStream {
  final Event[] events;
  final long[] timestamps;
  final String[] keys;

  RecordedStream(ClickStreamGenerator stream) {
    int size = Math.toIntExact(stream.events());
    events = new Event[size];
    timestamps = new long[size];
    keys = new String[size];
    int i = 0;
    for (TimedEvent timed : stream) {
      events[i] = timed.event();
      timestamps[i] = timed.timestamp();
      keys[i] = timed.event().getString("userId");
      i++;
    }
  }

  long distinctKeys() {
    return Arrays.stream(keys).distinct().count();
  }
}
