package io.beamcep.patterns.model;

/** Which two events of a partial match the window is measured between (Flink's WithinType). */
public enum WindowType {
  FIRST_AND_LAST,
  PREVIOUS_AND_CURRENT
}
