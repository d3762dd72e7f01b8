package io.beamcep.patterns.yardstick;

import io.beamcep.patterns.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event and match notation of the spec tests.
 *
 * <ul>
 *   <li>{@code events("a1 b2 a3=7 c4@9")}: one event per token; {@code type} = the letters,
 *       {@code id} = the token up to {@code =} / {@code @}, timestamp = the digits (or the number
 *       after {@code @}), optional {@code price} after {@code =}.
 *   <li>{@code match("start:a1 middle:b2,b3 end:c4")}: pattern name to event ids.
 * </ul>
 *
 * Matches of either engine are rendered canonically (pattern names sorted) so that they compare
 * as strings and print readably in assertion messages.
 */
public final class EventScript {
  private static final Pattern TOKEN =
      Pattern.compile("([a-z]+)(\\d+)(?:=(-?\\d+(?:\\.\\d+)?))?(?:@(\\d+))?");

  private EventScript() {}

  public static List<TimedEvent> events(String script) {
    List<TimedEvent> events = new ArrayList<>();
    for (String token : script.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      Matcher m = TOKEN.matcher(token);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad event token '" + token + "' in: " + script);
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", m.group(1) + m.group(2));
      fields.put("type", m.group(1));
      if (m.group(3) != null) {
        fields.put(
            "price",
            m.group(3).contains(".")
                ? (Object) Double.valueOf(m.group(3))
                : Long.valueOf(m.group(3)));
      }
      long timestamp = Long.parseLong(m.group(4) != null ? m.group(4) : m.group(2));
      events.add(new TimedEvent(Event.of(fields), timestamp));
    }
    return events;
  }

  /** {@code "a:a1 b:b2,b3"} in canonical form. */
  public static String match(String script) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (String part : script.trim().split("\\s+")) {
      String[] nameAndIds = part.split(":", 2);
      if (nameAndIds.length != 2) {
        throw new IllegalArgumentException("bad match part '" + part + "' in: " + script);
      }
      byName.put(nameAndIds[0], List.of(nameAndIds[1].split(",")));
    }
    return byName.toString();
  }

  /** An engine's match (pattern name to events) in the same canonical form, by the id field. */
  public static String canonical(Map<String, List<Event>> match) {
    Map<String, List<String>> byName = new TreeMap<>();
    match.forEach(
        (name, events) -> {
          if (!events.isEmpty()) {
            byName.put(name, events.stream().map(e -> e.getString("id")).toList());
          }
        });
    return byName.toString();
  }

  public static List<String> canonical(List<Map<String, List<Event>>> matches) {
    return matches.stream().map(EventScript::canonical).toList();
  }
}
