package io.beamcep.pipeline.event;

import java.io.Serializable;
import java.util.List;

/**
 * The fields whose values partition the stream: events with equal key values share matching
 * state. A single field's value is the key as is ({@code "519698804"}); several fields are joined
 * with {@code '|'} after escaping {@code '\'} as {@code "\\"} and {@code '|'} as {@code "\|"} in
 * each value, so distinct value tuples never produce the same key ({@code ("a|b","c")} is
 * {@code "a\|b|c"}, {@code ("a","b|c")} is {@code "a|b\|c"}).
 */
public record KeyFields(List<String> names) implements Serializable {
  public KeyFields {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("at least one key field is required");
    }
    for (String name : names) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("key field names must not be blank: " + names);
      }
    }
  }

  public static KeyFields of(String... names) {
    return new KeyFields(List.of(names));
  }

  /** The key of a tuple of already-rendered key values, one per field in order. */
  public String encode(List<String> values) {
    if (values.size() != names.size()) {
      throw new IllegalArgumentException(
          "expected " + names.size() + " key values for " + names + ", got " + values.size());
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        key.append('|');
      }
      String value = values.get(i);
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if (ch == '\\' || ch == '|') {
          key.append('\\');
        }
        key.append(ch);
      }
    }
    return key.toString();
  }
}
