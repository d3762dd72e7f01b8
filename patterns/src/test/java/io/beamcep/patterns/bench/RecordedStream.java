package io.beamcep.patterns.bench;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * A synthetic stream generated once, up front, into arrays in time order, so that a pass replaying
 * it measures matching, not generation. Each event's key is its {@code userId}.
 */
final class RecordedStream {
  final Event[] events;
  final long[] timestamps;
  final String[] keys;
  /** Each event's key as a number, 0 to {@link #keyCount} - 1, in order of first appearance. */
  final int[] keyIndexes;
  final int keyCount;

  RecordedStream(ClickStreamGenerator stream) {
    int size = Math.toIntExact(stream.events());
    events = new Event[size];
    timestamps = new long[size];
    keys = new String[size];
    keyIndexes = new int[size];
    Map<String, Integer> indexes = new HashMap<>();
    int i = 0;
    for (TimedEvent timed : stream) {
      events[i] = timed.event();
      timestamps[i] = timed.timestamp();
      keys[i] = timed.event().getString("userId");
      keyIndexes[i] = indexes.computeIfAbsent(keys[i], key -> indexes.size());
      i++;
    }
    keyCount = indexes.size();
  }
}
