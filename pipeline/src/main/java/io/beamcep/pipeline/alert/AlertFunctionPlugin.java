package io.beamcep.pipeline.alert;

import java.util.List;

/**
 * Names of one's own for the rule row's {@code function} column: a rule table written for the
 * reference system names its author's PatternProcessFunction classes there, and without such a
 * name every row is refused as naming an unknown function. A plugin gives each name one of our
 * renderings, or an {@link AlertRenderer} of its own that writes the alerts as the function's
 * records were, and says whether its rules report timed-out partial matches, so the rows run
 * unchanged. Found on the class path as a Java service: its jar lists it in {@code
 * META-INF/services/io.beamcep.pipeline.alert.AlertFunctionPlugin} (a jar may list condition
 * plugins beside it). Needs a public no-argument constructor. A name already registered (a
 * built-in's, or another plugin's) refuses the names, naming both.
 */
public interface AlertFunctionPlugin {
  /** The functions it names, e.g. {@code new AlertFunction("com.acme.Fraud", JSON, true)}. */
  List<AlertFunction> functions();
}
