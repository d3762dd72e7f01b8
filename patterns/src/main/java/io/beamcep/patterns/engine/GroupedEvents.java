package io.beamcep.patterns.engine;

import io.beamcep.patterns.event.Event;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A match's events by pattern name, as an immutable map over three arrays: the names in pattern
 * order, all events grouped by name, and where each group starts. A busy stream makes a match for
 * most events; a linked hash map with a list per name was a dozen objects each, and a host reads
 * the groups once, so the lists are views made when asked for.
 */
final class GroupedEvents extends AbstractMap<String, List<Event>> {
  private final String[] names;
  private final Event[] events;
  /** Group g holds events[starts[g]] up to (excluding) events[starts[g + 1]]. */
  private final int[] starts;

  /** Takes the arrays as they are: the caller made them and never changes them. */
  GroupedEvents(String[] names, Event[] events, int[] starts) {
    this.names = names;
    this.events = events;
    this.starts = starts;
  }

  int groups() {
    return names.length;
  }

  String name(int group) {
    return names[group];
  }

  int start(int group) {
    return starts[group];
  }

  int end(int group) {
    return starts[group + 1];
  }

  private List<Event> group(int g) {
    return new Slice(events, starts[g], starts[g + 1]);
  }

  @Override
  public List<Event> get(Object name) {
    for (int g = 0; g < names.length; g++) {
      if (names[g].equals(name)) {
        return group(g);
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object name) {
    for (String known : names) {
      if (known.equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, List<Event>>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Entry<String, List<Event>>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, List<Event>> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int g = next++;
            return new SimpleImmutableEntry<>(names[g], group(g));
          }
        };
      }
    };
  }

  /** An unmodifiable view of events[from, to). */
  private static final class Slice extends AbstractList<Event> implements RandomAccess {
    private final Event[] events;
    private final int from;
    private final int to;

    Slice(Event[] events, int from, int to) {
      this.events = events;
      this.from = from;
      this.to = to;
    }

    @Override
    public Event get(int index) {
      if (index < 0 || index >= to - from) {
        throw new IndexOutOfBoundsException("index " + index + ", size " + (to - from));
      }
      return events[from + index];
    }

    @Override
    public int size() {
      return to - from;
    }
  }
}
