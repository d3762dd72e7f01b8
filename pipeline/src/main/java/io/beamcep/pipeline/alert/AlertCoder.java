package io.beamcep.pipeline.alert;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.event.EncodingBuffer;
import io.beamcep.pipeline.event.EventCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianIntegerCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link Alert}; events keep their pattern order and field order. */
public final class AlertCoder extends CustomCoder<Alert> {
  private static final AlertCoder INSTANCE = new AlertCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final BigEndianIntegerCoder INT = BigEndianIntegerCoder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final EventCoder EVENT = EventCoder.of();

  private AlertCoder() {}

  public static AlertCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Alert alert, OutputStream out) throws IOException {
    // one write of the whole alert: its events are most of its bytes (see EncodingBuffer)
    EncodingBuffer.encode(out, buffer -> {
      STRING.encode(alert.ruleId(), buffer);
      INT.encode(alert.ruleVersion(), buffer);
      STRING.encode(alert.function(), buffer);
      STRING.encode(alert.key(), buffer);
      INT.encode(alert.kind().ordinal(), buffer);
      LONG.encode(alert.detectedAt(), buffer);
      LONG.encode(alert.firstEventTime(), buffer);
      LONG.encode(alert.lastEventTime(), buffer);
      INT.encode(alert.events().size(), buffer);
      for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
        STRING.encode(entry.getKey(), buffer);
        INT.encode(entry.getValue().size(), buffer);
        for (Event event : entry.getValue()) {
          EVENT.encode(event, buffer);
        }
      }
    });
  }

  @Override
  public Alert decode(InputStream in) throws IOException {
    String ruleId = STRING.decode(in);
    int ruleVersion = INT.decode(in);
    String function = STRING.decode(in);
    String key = STRING.decode(in);
    Alert.Kind kind = Alert.Kind.values()[INT.decode(in)];
    long detectedAt = LONG.decode(in);
    long firstEventTime = LONG.decode(in);
    long lastEventTime = LONG.decode(in);
    int patterns = INT.decode(in);
    Map<String, List<Event>> events = new LinkedHashMap<>();
    for (int p = 0; p < patterns; p++) {
      String name = STRING.decode(in);
      int count = INT.decode(in);
      List<Event> list = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        list.add(EVENT.decode(in));
      }
      events.put(name, list);
    }
    return new Alert(
        ruleId, ruleVersion, function, key, kind, detectedAt, firstEventTime, lastEventTime,
        events);
  }

  @Override
  public void verifyDeterministic() {}

  // Stateless: every instance is interchangeable (also after Java serialization).
  @Override
  public boolean equals(Object other) {
    return other instanceof AlertCoder;
  }

  @Override
  public int hashCode() {
    return AlertCoder.class.hashCode();
  }
}
