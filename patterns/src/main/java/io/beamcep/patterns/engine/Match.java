package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.model.RuleKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete match, or a partial match whose window closed (a timeout). Immutable.
 *
 * <p>Not a record: a match is made for most events of a busy stream, and building the timestamp
 * map (boxed, per pattern name) for each was a fifth of the engine's garbage while hosts only ask
 * for the first and last time. The timestamps are kept per event and mapped when asked for.
 */
public final class Match {

  public enum Kind {
    MATCH,
    TIMEOUT
  }

  private final RuleKey rule;
  private final Kind kind;
  private final Map<String, List<Event>> events;
  /** Per pattern name in {@link #events} order, the events' timestamps, oldest first. */
  private final long[][] times;
  private final long detectedAt;
  private final long firstEventTime;
  private final long lastEventTime;

  /**
   * @param rule the rule version that produced it
   * @param kind MATCH or TIMEOUT
   * @param events the matched events by pattern name, in pattern order, each list oldest first
   * @param timestamps the timestamps of {@code events}, parallel to them
   * @param detectedAt the engine time at which it was produced (event or watermark time)
   */
  public Match(
      RuleKey rule,
      Kind kind,
      Map<String, List<Event>> events,
      Map<String, List<Long>> timestamps,
      long detectedAt) {
    this(rule, kind, copyOf(events), timesOf(events, timestamps), detectedAt);
  }

  private Match(
      RuleKey rule, Kind kind, Map<String, List<Event>> events, long[][] times, long detectedAt) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.events = events;
    this.times = times;
    this.detectedAt = detectedAt;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long[] group : times) {
      for (long time : group) {
        first = Math.min(first, time);
        last = Math.max(last, time);
      }
    }
    this.firstEventTime = first == Long.MAX_VALUE ? detectedAt : first;
    this.lastEventTime = last == Long.MIN_VALUE ? detectedAt : last;
  }

  /**
   * The match made of the path ending at {@code newest} (null: no event): events grouped by pattern
   * name in the order the names first occur (Flink's extractPatterns map).
   */
  static Match ofPath(RuleKey rule, Kind kind, PathNode newest, long detectedAt) {
    PathNode[] path = PathNode.oldestFirst(newest);
    int length = path.length;
    String[] names = new String[Math.min(length, 8)];
    int[] counts = new int[names.length];
    int[] groupOf = new int[length];
    int groups = 0;
    for (int i = 0; i < length; i++) {
      String name = path[i].pageName;
      int group = groups - 1;
      // names usually repeat in runs (a loop's events are adjacent): try the last group first
      if (group < 0 || !names[group].equals(name)) {
        group = -1;
        for (int g = 0; g < groups; g++) {
          if (names[g].equals(name)) {
            group = g;
            break;
          }
        }
        if (group < 0) {
          if (groups == names.length) {
            names = Arrays.copyOf(names, groups * 2);
            counts = Arrays.copyOf(counts, groups * 2);
          }
          group = groups++;
          names[group] = name;
        }
      }
      groupOf[i] = group;
      counts[group]++;
    }
    Event[][] grouped = new Event[groups][];
    long[][] times = new long[groups][];
    for (int g = 0; g < groups; g++) {
      grouped[g] = new Event[counts[g]];
      times[g] = new long[counts[g]];
      counts[g] = 0;
    }
    for (int i = 0; i < length; i++) {
      int g = groupOf[i];
      grouped[g][counts[g]] = path[i].event;
      times[g][counts[g]++] = path[i].id.timestamp();
    }
    Map<String, List<Event>> events;
    if (groups == 1) {
      events = Collections.singletonMap(names[0], List.of(grouped[0]));
    } else {
      LinkedHashMap<String, List<Event>> byName = new LinkedHashMap<>(groups * 2);
      for (int g = 0; g < groups; g++) {
        byName.put(names[g], List.of(grouped[g]));
      }
      events = Collections.unmodifiableMap(byName);
    }
    return new Match(rule, kind, events, times, detectedAt);
  }

  public RuleKey rule() {
    return rule;
  }

  public Kind kind() {
    return kind;
  }

  /** The matched events by pattern name, in pattern order, each list oldest first. */
  public Map<String, List<Event>> events() {
    return events;
  }

  /** The timestamps of {@link #events()}, parallel to them. */
  public Map<String, List<Long>> timestamps() {
    Map<String, List<Long>> result = new LinkedHashMap<>();
    int g = 0;
    for (String name : events.keySet()) {
      List<Long> list = new ArrayList<>(times[g].length);
      for (long time : times[g++]) {
        list.add(time);
      }
      result.put(name, Collections.unmodifiableList(list));
    }
    return Collections.unmodifiableMap(result);
  }

  /** The engine time at which it was produced (event or watermark time). */
  public long detectedAt() {
    return detectedAt;
  }

  /** The earliest event's timestamp ({@link #detectedAt()} when it holds no event). */
  public long firstEventTime() {
    return firstEventTime;
  }

  /** The latest event's timestamp ({@link #detectedAt()} when it holds no event). */
  public long lastEventTime() {
    return lastEventTime;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Match m
        && rule.equals(m.rule)
        && kind == m.kind
        && detectedAt == m.detectedAt
        && events.equals(m.events)
        && Arrays.deepEquals(times, m.times);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, kind, events, Arrays.deepHashCode(times), detectedAt);
  }

  @Override
  public String toString() {
    return "Match[rule=" + rule + ", kind=" + kind + ", events=" + events + ", timestamps="
        + timestamps() + ", detectedAt=" + detectedAt + "]";
  }

  private static Map<String, List<Event>> copyOf(Map<String, List<Event>> events) {
    Objects.requireNonNull(events, "events");
    Map<String, List<Event>> copy = new LinkedHashMap<>();
    events.forEach((name, list) -> copy.put(name, List.copyOf(list)));
    return Collections.unmodifiableMap(copy);
  }

  private static long[][] timesOf(
      Map<String, List<Event>> events, Map<String, List<Long>> timestamps) {
    Objects.requireNonNull(timestamps, "timestamps");
    if (!timestamps.keySet().equals(events.keySet())) {
      throw new IllegalArgumentException(
          "timestamps name " + timestamps.keySet() + ", events " + events.keySet());
    }
    long[][] times = new long[events.size()][];
    int g = 0;
    for (Map.Entry<String, List<Event>> group : events.entrySet()) {
      List<Long> list = timestamps.get(group.getKey());
      if (list.size() != group.getValue().size()) {
        throw new IllegalArgumentException("pattern " + group.getKey() + " has "
            + group.getValue().size() + " events but " + list.size() + " timestamps");
      }
      long[] groupTimes = new long[list.size()];
      for (int i = 0; i < groupTimes.length; i++) {
        groupTimes[i] = list.get(i);
      }
      times[g++] = groupTimes;
    }
    return times;
  }
}
