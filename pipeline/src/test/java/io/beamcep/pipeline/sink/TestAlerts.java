package io.beamcep.pipeline.sink;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.alert.Alert;
import io.beamcep.pipeline.testing.Databases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Alerts shaped like scenario 1's matches (two views of one user), and the jdbc sink's tables the
 * tests write them to.
 */
final class TestAlerts {
  private TestAlerts() {}

  /** A table name no other test uses. */
  static String freshTable() {
    return "alerts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /** The alert_key of every row of the jdbc sink's {@code table} in {@code db}. */
  static List<String> keysIn(Databases db, String table) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery("SELECT alert_key FROM " + table)) {
      while (result.next()) {
        keys.add(result.getString(1));
      }
    }
    return keys;
  }

  static Alert viewPair(String user, long firstId, long firstMillis) {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first_view", List.of(view(firstId, user)));
    events.put("second_view", List.of(view(firstId + 1, user)));
    return new Alert("1", 1, null, user, Alert.Kind.MATCH, firstMillis + 3000, firstMillis,
        firstMillis + 3000, events);
  }

  private static Event view(long id, String user) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", "view");
    fields.put("userId", user);
    return Event.of(fields);
  }
}
