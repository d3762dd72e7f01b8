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
  private final GroupedEvents events;
  /** The timestamps of the events, parallel to the grouped events, oldest first per group. */
  private final long[] times;
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
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(timestamps, "timestamps");
    if (!timestamps.keySet().equals(events.keySet())) {
      throw new IllegalArgumentException(
          "timestamps name " + timestamps.keySet() + ", events " + events.keySet());
    }
    String[] names = new String[events.size()];
    int[] starts = new int[names.length + 1];
    int total = 0;
    int g = 0;
    for (Map.Entry<String, List<Event>> group : events.entrySet()) {
      List<Long> groupTimes = timestamps.get(group.getKey());
      if (groupTimes.size() != group.getValue().size()) {
        throw new IllegalArgumentException("pattern " + group.getKey() + " has "
            + group.getValue().size() + " events but " + groupTimes.size() + " timestamps");
      }
      names[g++] = Objects.requireNonNull(group.getKey(), "pattern name");
      total += group.getValue().size();
      starts[g] = total;
    }
    Event[] flat = new Event[total];
    long[] flatTimes = new long[total];
    g = 0;
    for (Map.Entry<String, List<Event>> group : events.entrySet()) {
      int at = starts[g++];
      List<Long> groupTimes = timestamps.get(group.getKey());
      for (int i = 0; i < groupTimes.size(); i++) {
        flat[at + i] = Objects.requireNonNull(group.getValue().get(i), "event");
        flatTimes[at + i] = groupTimes.get(i);
      }
    }
    this.rule = Objects.requireNonNull(rule, "rule");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.events = new GroupedEvents(names, flat, starts);
    this.times = flatTimes;
    this.detectedAt = detectedAt;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (long time : flatTimes) {
      first = Math.min(first, time);
      last = Math.max(last, time);
    }
    this.firstEventTime = first == Long.MAX_VALUE ? detectedAt : first;
    this.lastEventTime = last == Long.MIN_VALUE ? detectedAt : last;
  }

  private Match(RuleKey rule, Kind kind, GroupedEvents events, long[] times, long first,
      long last, long detectedAt) {
    this.rule = rule;
    this.kind = kind;
    this.events = events;
    this.times = times;
    this.detectedAt = detectedAt;
    this.firstEventTime = times.length == 0 ? detectedAt : first;
    this.lastEventTime = times.length == 0 ? detectedAt : last;
  }

  /**
   * The match made of the path from {@code newest} (null: no event) back to the event {@code
   * start}: events grouped by pattern name in the order the names first occur (Flink's
   * extractPatterns map).
   */
  static Match ofPath(RuleKey rule, Kind kind, PathNode newest, EventId start, long detectedAt) {
    // A path takes its steps in pattern order, so each name is usually one run of adjacent nodes:
    // then the path, oldest first, is already grouped. Names of a looping group interleave.
    int length = 0;
    int runs = 0;
    int hash = 0;
    String previous = null;
    for (PathNode node = newest; node != null; node = node.before(start)) {
      length++;
      hash = 31 * hash + node.pageName.hashCode();
      if (runs == 0 || !previous.equals(node.pageName)) {
        runs++;
        previous = node.pageName;
      }
    }
    hash = 31 * hash + length;
    Event[] events = new Event[length];
    long[] times = new long[length];
    // the shape of an earlier match, if this path has it: the names of its events, one by one, are
    // those the shape puts at their places
    MatchLayouts.Layout layout = MatchLayouts.candidate(hash, runs, length);
    int at = length;
    int group = runs - 1;
    for (PathNode node = newest; node != null; node = node.before(start)) {
      events[--at] = node.event;
      times[at] = node.id.timestamp();
      if (layout != null) {
        group = layout.groupOf(at, group);
        if (!layout.names()[group].equals(node.pageName)) {
          layout = null;
        }
      }
    }
    // timestamps never decrease along a path: its oldest and newest events bound it
    long first = length == 0 ? detectedAt : times[0];
    long last = length == 0 ? detectedAt : times[length - 1];
    if (layout != null) {
      return new Match(rule, kind, new GroupedEvents(layout.names(), events, layout.starts()),
          times, first, last, detectedAt);
    }
    String[] names = new String[runs];
    int[] starts = new int[runs + 1];
    starts[runs] = length;
    at = length;
    int run = runs;
    String current = null;
    for (PathNode node = newest; node != null; node = node.before(start)) {
      at--;
      if (!node.pageName.equals(current)) {
        current = node.pageName;
        if (run < runs) {
          starts[run] = at + 1;
        }
        names[--run] = current;
      }
    }
    if (!allDistinct(names, runs)) {
      return regrouped(rule, kind, PathNode.oldestFirst(newest, start), detectedAt);
    }
    MatchLayouts.remember(hash, names, starts);
    return new Match(rule, kind, new GroupedEvents(names, events, starts), times, first, last,
        detectedAt);
  }

  private static boolean allDistinct(String[] names, int count) {
    for (int i = 1; i < count; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          return false;
        }
      }
    }
    return true;
  }

  /** The general case: names that recur in separate runs are gathered into one group each. */
  private static Match regrouped(RuleKey rule, Kind kind, PathNode[] path, long detectedAt) {
    int length = path.length;
    String[] names = new String[Math.min(length, 8)];
    int[] counts = new int[names.length];
    int[] groupOf = new int[length];
    int groups = 0;
    for (int i = 0; i < length; i++) {
      String name = path[i].pageName;
      int group = -1;
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
      groupOf[i] = group;
      counts[group]++;
    }
    int[] starts = new int[groups + 1];
    for (int g = 0; g < groups; g++) {
      starts[g + 1] = starts[g] + counts[g];
    }
    int[] next = Arrays.copyOf(starts, groups);
    Event[] events = new Event[length];
    long[] times = new long[length];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < length; i++) {
      int at = next[groupOf[i]]++;
      events[at] = path[i].event;
      times[at] = path[i].id.timestamp();
      first = Math.min(first, times[at]);
      last = Math.max(last, times[at]);
    }
    return new Match(rule, kind, new GroupedEvents(Arrays.copyOf(names, groups), events, starts),
        times, first, last, detectedAt);
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
    for (int g = 0; g < events.groups(); g++) {
      List<Long> list = new ArrayList<>(events.end(g) - events.start(g));
      for (int i = events.start(g); i < events.end(g); i++) {
        list.add(times[i]);
      }
      result.put(events.name(g), Collections.unmodifiableList(list));
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
        && Arrays.equals(times, m.times);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, kind, events, Arrays.hashCode(times), detectedAt);
  }

  @Override
  public String toString() {
    return "Match[rule=" + rule + ", kind=" + kind + ", events=" + events + ", timestamps="
        + timestamps() + ", detectedAt=" + detectedAt + "]";
  }
}
