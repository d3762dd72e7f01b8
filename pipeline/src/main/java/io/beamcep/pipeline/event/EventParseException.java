package io.beamcep.pipeline.event;

/** A record that is not a valid event; the message is the dead letter's reason. */
public final class EventParseException extends Exception {
  public EventParseException(String reason) {
    super(reason);
  }
}
