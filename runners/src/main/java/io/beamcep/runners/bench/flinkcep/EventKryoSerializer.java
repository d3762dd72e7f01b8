package io.beamcep.runners.bench.flinkcep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.event.EventCoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Flink's Kryo cannot rebuild an {@link Event} on its own (its field map is unmodifiable, so
 * Kryo's map serializer fails on {@code put}); this writes events with the pipeline's own
 * {@link EventCoder}, so both engines in a benchmark pay for the same event encoding.
 */
public final class EventKryoSerializer extends Serializer<Event> {

  @Override
  public void write(Kryo kryo, Output output, Event event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      EventCoder.of().encode(event, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    output.writeInt(bytes.size(), true);
    output.writeBytes(bytes.toByteArray());
  }

  @Override
  public Event read(Kryo kryo, Input input, Class<Event> type) {
    byte[] bytes = input.readBytes(input.readInt(true));
    try {
      return EventCoder.of().decode(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Event copy(Kryo kryo, Event original) {
    return original; // immutable
  }
}
