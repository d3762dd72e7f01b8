package io.beamcep.runners.rules;

/** One row of a rule table as stored: the pattern is JSON text. */
public record TableRow(String id, int version, String pattern, String function) {}
