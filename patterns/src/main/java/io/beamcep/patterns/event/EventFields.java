package io.beamcep.patterns.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An event's fields as an immutable map view over its two parallel arrays, in arrival order. An
 * event has about ten fields and is built several times on its way (parsed, decoded after each
 * network hop, carried in alerts): a linked hash map cost a dozen objects each time and was the
 * largest single source of garbage in the latency job. A lookup scans the names, by reference first
 * (names and the conditions' literals are usually the same interned strings), which for ten names
 * is as fast as hashing.
 */
final class EventFields extends AbstractMap<String, Object> {
  private final String[] names;
  private final Event event;

  /** A view of {@code event}, whose checked names are {@code names}. */
  EventFields(String[] names, Event event) {
    this.names = names;
    this.event = event;
  }

  /** Where {@code name} is in {@code names}, or -1. */
  static int indexOf(String[] names, Object name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    if (name != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public Object get(Object name) {
    int index = indexOf(names, name);
    return index < 0 ? null : event.valueAt(index);
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(names, name) >= 0;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int index = next++;
            return new SimpleImmutableEntry<>(names[index], event.valueAt(index));
          }
        };
      }
    };
  }
}
