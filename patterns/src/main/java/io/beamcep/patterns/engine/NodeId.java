package io.beamcep.patterns.engine;

import java.util.Objects;

/**
 * A shared-buffer node: one event taken by one pattern name (Flink's NodeId). Looked up in hash
 * maps several times per event and partial match, so its hash is computed once.
 */
final class NodeId {
  private final EventId eventId;
  private final String pageName;
  private final int hash;

  NodeId(EventId eventId, String pageName) {
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.pageName = Objects.requireNonNull(pageName, "pageName");
    this.hash = 31 * eventId.hashCode() + pageName.hashCode();
  }

  EventId eventId() {
    return eventId;
  }

  String pageName() {
    return pageName;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof NodeId that
        && hash == that.hash
        && eventId.equals(that.eventId)
        && pageName.equals(that.pageName);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "NodeId[eventId=" + eventId + ", pageName=" + pageName + "]";
  }
}
