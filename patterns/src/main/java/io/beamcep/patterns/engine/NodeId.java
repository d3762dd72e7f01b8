package io.beamcep.patterns.engine;

/** A shared-buffer node: one event taken by one pattern name (Flink's NodeId). */
record NodeId(EventId eventId, String pageName) {}
