package io.beamcep.pipeline.event;

import io.beamcep.patterns.engine.EventCodec;
import io.beamcep.patterns.event.Event;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Deterministic Beam coder for {@link Event} over the engine's {@link EventCodec}, so events in
 * PCollections and events in key state share one binary form: field order and value types survive
 * the round trip (a Long stays a Long, a BigDecimal keeps its scale), and an event reaches sinks
 * exactly as it was read. The encoding is self-delimiting, so it is the same nested or outer.
 */
public final class EventCoder extends CustomCoder<Event> {
  private static final EventCoder INSTANCE = new EventCoder();

  private EventCoder() {}

  public static EventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Event event, OutputStream outStream) throws IOException {
    if (event == null) {
      throw new CoderException("cannot encode a null Event");
    }
    try {
      EncodingBuffer.encode(outStream, buffer -> EventCodec.write(buffer, event));
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new CoderException("cannot encode event " + event + ": " + e.getMessage());
    }
  }

  @Override
  public Event decode(InputStream inStream) throws IOException {
    // DataInputStream does not read ahead, so it is safe on a shared (nested) stream.
    return EventCodec.read(new DataInputStream(inStream));
  }

  @Override
  public void verifyDeterministic() {
    // Fields are written in the event's (input) order, values by type tag: equal events, equal
    // bytes.
  }

  // Stateless: every instance is interchangeable (also after Java serialization).
  @Override
  public boolean equals(Object other) {
    return other instanceof EventCoder;
  }

  @Override
  public int hashCode() {
    return EventCoder.class.hashCode();
  }
}
