package io.beamcep.patterns.synthetic;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only map over fixed field names and their values, iterated in order. It only exists to
 * hand the fields to {@link io.beamcep.patterns.event.Event#of}, which copies them: building a
 * hash map first would hash every field twice per event, the largest cost of generation.
 */
final class OrderedFields extends AbstractMap<String, Object> {
  private final String[] names;
  private final Object[] values;

  OrderedFields(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
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
            return new SimpleImmutableEntry<>(names[index], values[index]);
          }
        };
      }
    };
  }
}
