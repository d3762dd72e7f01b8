package io.beamcep.pipeline.match;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.engine.KeyState;
import io.beamcep.patterns.engine.Matcher;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.pipeline.rules.RuleRow;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Key state as a Beam state value: same bytes as the byte arrays earlier versions stored. */
class KeyStateCoderTest {

  @Test
  void encodesExactlyAsTheStoredBytesOfEarlierVersions() throws Exception {
    KeyState state = pendingState();
    byte[] engineBytes = state.toBytes();
    for (Coder.Context context : List.of(Coder.Context.NESTED, Coder.Context.OUTER)) {
      assertThat(encode(KeyStateCoder.of(), state, context),
          is(encode(ByteArrayCoder.of(), engineBytes, context)));
    }
  }

  @Test
  void readsBackWhatEarlierVersionsStored() throws Exception {
    KeyState state = pendingState();
    byte[] stored = CoderUtils.encodeToByteArray(ByteArrayCoder.of(), state.toBytes());
    KeyState read = CoderUtils.decodeFromByteArray(KeyStateCoder.of(), stored);
    assertThat(read.partialMatchCount(), is(state.partialMatchCount()));
    assertThat(read.toBytes(), is(state.toBytes()));
  }

  @Test
  void corruptBytesGiveACoderErrorSayingSo() throws Exception {
    byte[] stored = CoderUtils.encodeToByteArray(ByteArrayCoder.of(), new byte[] {99, 1, 2});
    CoderException error = assertThrows(CoderException.class,
        () -> CoderUtils.decodeFromByteArray(KeyStateCoder.of(), stored));
    assertThat(error.getMessage(), containsString("cannot decode key state (3 bytes)"));
  }

  /** A key with a partial match pending: a then b within 10 ms, after seeing a. */
  private static KeyState pendingState() {
    RuleRow row = MatchFixtures.aThenB();
    Matcher matcher = Matcher.of(List.of(new RuleCompiler(ConditionRegistry.defaults()).compile(
        RuleJson.parseRule(row.id(), row.version(), row.pattern(), row.function()))));
    KeyState state = KeyState.empty();
    matcher.process(state, Event.of(Map.of("eventType", "a")), 1L);
    assertThat(state.partialMatchCount() > 0, is(true));
    return state;
  }

  @SuppressWarnings("deprecation")
  private static <T> byte[] encode(Coder<T> coder, T value, Coder.Context context)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(value, out, context);
    return out.toByteArray();
  }
}
