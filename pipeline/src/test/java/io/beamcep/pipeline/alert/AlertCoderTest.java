package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.beamcep.patterns.engine.EventCodec;
import io.beamcep.patterns.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianIntegerCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.junit.jupiter.api.Test;

/** The alert's binary form is a compatibility contract (alerts cross runners' shuffles). */
class AlertCoderTest {

  @Test
  void anAlertIsWrittenInOneCallWithItsFieldsInTheDocumentedOrder() throws Exception {
    Alert alert = AlertFixtures.firstMatchOfScenario1(AlertFunctions.JSON_WITH_TIMEOUTS);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    StringUtf8Coder.of().encode(alert.ruleId(), expected);
    BigEndianIntegerCoder.of().encode(alert.ruleVersion(), expected);
    StringUtf8Coder.of().encode(alert.function(), expected);
    StringUtf8Coder.of().encode(alert.key(), expected);
    BigEndianIntegerCoder.of().encode(alert.kind().ordinal(), expected);
    VarLongCoder.of().encode(alert.detectedAt(), expected);
    VarLongCoder.of().encode(alert.firstEventTime(), expected);
    VarLongCoder.of().encode(alert.lastEventTime(), expected);
    BigEndianIntegerCoder.of().encode(alert.events().size(), expected);
    for (Map.Entry<String, List<Event>> entry : alert.events().entrySet()) {
      StringUtf8Coder.of().encode(entry.getKey(), expected);
      BigEndianIntegerCoder.of().encode(entry.getValue().size(), expected);
      for (Event event : entry.getValue()) {
        EventCodec.write(new DataOutputStream(expected), event);
      }
    }

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int[] calls = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        calls[0]++;
        bytes.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        calls[0]++;
        bytes.write(b, off, len);
      }
    };
    AlertCoder.of().encode(alert, counting);

    assertThat(bytes.toByteArray(), equalTo(expected.toByteArray()));
    assertThat(calls[0], equalTo(1));
  }
}
