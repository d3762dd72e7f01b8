package io.beamcep.pipeline.event;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be turned into an event, kept whole so nothing accepted is lost.
 *
 * @param raw the record value exactly as received
 * @param reason why it was rejected, naming the field and, for syntax errors, line and column
 * @param source where it came from (e.g. {@code topic-partition@offset} or {@code file:line}),
 *     empty when unknown
 */
public record DeadLetter(byte[] raw, String reason, String source) implements Serializable {
  public DeadLetter {
    raw = raw == null ? new byte[0] : raw.clone();
    Objects.requireNonNull(reason, "reason");
    source = source == null ? "" : source;
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  /** The raw record as UTF-8 text (malformed bytes replaced), for logs and sinks. */
  public String rawText() {
    return new String(raw, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeadLetter letter
        && Arrays.equals(raw, letter.raw)
        && reason.equals(letter.reason)
        && source.equals(letter.source);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(raw) + reason.hashCode()) + source.hashCode();
  }

  @Override
  public String toString() {
    return "DeadLetter[" + (source.isEmpty() ? "" : source + ": ") + reason + ": " + rawText()
        + "]";
  }
}
