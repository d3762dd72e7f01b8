package io.beamcep.pipeline.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/** Deterministic coder for {@link DeadLetter}. */
public final class DeadLetterCoder extends CustomCoder<DeadLetter> {
  private static final DeadLetterCoder INSTANCE = new DeadLetterCoder();

  private DeadLetterCoder() {}

  public static DeadLetterCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(DeadLetter letter, OutputStream out) throws IOException {
    ByteArrayCoder.of().encode(letter.raw(), out);
    StringUtf8Coder.of().encode(letter.reason(), out);
    StringUtf8Coder.of().encode(letter.source(), out);
  }

  @Override
  public DeadLetter decode(InputStream in) throws IOException {
    return new DeadLetter(
        ByteArrayCoder.of().decode(in), StringUtf8Coder.of().decode(in),
        StringUtf8Coder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  // Stateless: every instance is interchangeable (also after Java serialization).
  @Override
  public boolean equals(Object other) {
    return other instanceof DeadLetterCoder;
  }

  @Override
  public int hashCode() {
    return DeadLetterCoder.class.hashCode();
  }
}
