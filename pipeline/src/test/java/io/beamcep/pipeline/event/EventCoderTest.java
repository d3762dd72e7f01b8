package io.beamcep.pipeline.event;

import io.beamcep.patterns.event.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class EventCoderTest {

  @Test
  void everyValueTypeRoundTripsExactlyNestedAndOuter() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", List.of(1L, "x"));
    nested.put("a", null);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", 7L);
    fields.put("name", "caf\u00e9 \ud83d\ude00");
    fields.put("price", 29.95);
    fields.put("exact", new BigDecimal("29.950"));
    fields.put("huge", new BigInteger("123456789012345678901234567890"));
    fields.put("ok", false);
    fields.put("none", null);
    fields.put("nested", nested);
    Event event = Event.of(fields);
    CoderProperties.coderDecodeEncodeEqualInContext(EventCoder.of(), Coder.Context.NESTED, event);
    CoderProperties.coderDecodeEncodeEqualInContext(EventCoder.of(), Coder.Context.OUTER, event);
    CoderProperties.coderDeterministic(EventCoder.of(), event, Event.of(fields));
    CoderProperties.coderSerializable(EventCoder.of());
  }
}
