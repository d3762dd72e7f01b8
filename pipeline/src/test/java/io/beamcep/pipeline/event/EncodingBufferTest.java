package io.beamcep.pipeline.event;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.patterns.engine.EventCodec;
import io.beamcep.patterns.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Coders encode a value into a buffer and hand the runner's stream its bytes in one write. */
class EncodingBufferTest {

  /** Counts the calls a stream receives, as the runner's wrappers pay per call. */
  private static final class CountingStream extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int calls;

    @Override
    public void write(int b) {
      calls++;
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      calls++;
      bytes.write(b, off, len);
    }
  }

  private static Event event(long id, String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", id);
    fields.put("eventType", text);
    fields.put("price", 12.5);
    return Event.of(fields);
  }

  private static byte[] writtenFieldByField(Event event) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EventCodec.write(new DataOutputStream(bytes), event);
    return bytes.toByteArray();
  }

  @Test
  void anEventReachesTheStreamInOneWriteWithTheBytesOfTheFieldByFieldEncoding() throws Exception {
    Event event = event(7L, "caf\u00e9 \ud83d\ude00");
    CountingStream stream = new CountingStream();
    EventCoder.of().encode(event, stream);
    assertThat(stream.calls, equalTo(1));
    assertThat(stream.bytes.toByteArray(), equalTo(writtenFieldByField(event)));
  }

  @Test
  void eventsNestedInAnotherCoderKeepTheirBytes() throws Exception {
    Event first = event(1L, "view");
    Event second = event(2L, "cart");
    byte[] list =
        CoderUtils.encodeToByteArray(ListCoder.of(EventCoder.of()), List.of(first, second));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(new byte[] {0, 0, 0, 2}); // ListCoder's big-endian count
    expected.write(writtenFieldByField(first));
    expected.write(writtenFieldByField(second));
    assertThat(list, equalTo(expected.toByteArray()));
  }

  @Test
  void aValueEncodedWhileAnotherIsBeingEncodedGetsItsOwnBuffer() throws Exception {
    Event inner = event(2L, "inner");
    CountingStream outer = new CountingStream();
    CountingStream other = new CountingStream();
    EncodingBuffer.encode(outer, buffer -> {
      buffer.write(new byte[] {9, 9});
      EventCoder.of().encode(inner, other); // another stream while the thread's buffer is in use
      buffer.write(7);
    });
    assertThat(outer.bytes.toByteArray(), equalTo(new byte[] {9, 9, 7}));
    assertThat(other.bytes.toByteArray(), equalTo(writtenFieldByField(inner)));
  }

  @Test
  void aFailedEncodingLeavesNothingBehindForTheNextValue() throws Exception {
    CountingStream failed = new CountingStream();
    try {
      EncodingBuffer.encode(failed, buffer -> {
        buffer.write(new byte[] {1, 2, 3});
        throw new IOException("broken value");
      });
    } catch (IOException expected) {
      // the value is lost, not half written
    }
    assertThat(failed.calls, equalTo(0));
    Event next = event(3L, "view");
    CountingStream stream = new CountingStream();
    EventCoder.of().encode(next, stream);
    assertThat(stream.bytes.toByteArray(), equalTo(writtenFieldByField(next)));
  }
}
