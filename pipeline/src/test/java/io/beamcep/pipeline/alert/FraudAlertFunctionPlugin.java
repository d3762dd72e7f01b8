package io.beamcep.pipeline.alert;

import java.util.List;

/**
 * An alert function plugin as a user writes one: the reference system's rows of this user name
 * {@code com.acme.cep.FraudAlertFunction}, which here writes JSON and reports timeouts. Listed in
 * this module's test resources under META-INF/services.
 */
public final class FraudAlertFunctionPlugin implements AlertFunctionPlugin {
  public static final String NAME = "com.acme.cep.FraudAlertFunction";

  @Override
  public List<AlertFunction> functions() {
    return List.of(new AlertFunction(NAME, AlertFunction.Format.JSON, true));
  }

  /** Names a built-in function: refused when plugins are loaded. */
  public static final class TakesABuiltInName implements AlertFunctionPlugin {
    @Override
    public List<AlertFunction> functions() {
      return List.of(new AlertFunction(AlertFunctions.JSON, AlertFunction.Format.JSON, true));
    }
  }

  /** Names a function with blanks around its name, which no row could name. */
  public static final class PaddedName implements AlertFunctionPlugin {
    @Override
    public List<AlertFunction> functions() {
      return List.of(new AlertFunction(" com.acme.Padded", AlertFunction.Format.JSON, false));
    }
  }
}
