package io.beamcep.pipeline.match;

import io.beamcep.patterns.engine.KeyState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * Beam coder for the engine's per-key state, so matcher DoFns keep a {@link KeyState} object in
 * their state rather than its bytes: heap state backends (Flink's heap backend, the in-memory
 * state of Flink batch jobs and of the DirectRunner) then hand the same object back without
 * decoding it, and encode it only for checkpoints; RocksDB encodes and decodes on every access, as
 * it did for the bytes.
 *
 * <p>The encoding is {@link KeyState#toBytes()} written exactly as {@link ByteArrayCoder} writes a
 * byte array, in either context, so state written by earlier versions (which stored the bytes
 * under the same state id) reads back unchanged. Flink accepts the changed coder on restore:
 * Beam's serializer snapshot (UnversionedTypeSerializerSnapshot in 2.70) declares any coder
 * compatible as is, so only the bytes matter.
 */
public final class KeyStateCoder extends AtomicCoder<KeyState> {
  private static final KeyStateCoder INSTANCE = new KeyStateCoder();
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  private KeyStateCoder() {}

  public static KeyStateCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(KeyState state, OutputStream outStream) throws IOException {
    BYTES.encode(bytesOf(state), outStream);
  }

  @Override
  @SuppressWarnings("deprecation") // the outer context must stay byte-compatible too
  public void encode(KeyState state, OutputStream outStream, Context context) throws IOException {
    BYTES.encode(bytesOf(state), outStream, context);
  }

  @Override
  public KeyState decode(InputStream inStream) throws IOException {
    return stateOf(BYTES.decode(inStream));
  }

  @Override
  @SuppressWarnings("deprecation")
  public KeyState decode(InputStream inStream, Context context) throws IOException {
    return stateOf(BYTES.decode(inStream, context));
  }

  @Override
  public void verifyDeterministic() {
    // The same state always encodes to the same bytes (KeyStateCodec writes in a fixed order).
  }

  private static byte[] bytesOf(KeyState state) throws CoderException {
    if (state == null) {
      throw new CoderException("cannot encode a null KeyState");
    }
    return state.toBytes();
  }

  private static KeyState stateOf(byte[] bytes) throws CoderException {
    try {
      return KeyState.fromBytes(bytes);
    } catch (RuntimeException e) {
      throw new CoderException(
          "cannot decode key state (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }
}
