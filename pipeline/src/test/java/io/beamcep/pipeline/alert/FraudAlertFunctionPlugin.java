package io.beamcep.pipeline.alert;

import java.util.List;

/**
 * An alert function plugin as a user writes one: the reference system's rows of this user name
 * {@code com.acme.cep.FraudAlertFunction}, which here writes JSON and reports timeouts, and
 * {@code com.acme.cep.FraudCaseFunction}, whose PatternProcessFunction wrote a case record of its
 * own, which this plugin's renderer writes as it did, and {@code com.acme.cep.FraudReportFunction},
 * whose function wrote that record pretty-printed, over several lines. Listed in this module's test
 * resources under META-INF/services.
 */
public final class FraudAlertFunctionPlugin implements AlertFunctionPlugin {
  public static final String NAME = "com.acme.cep.FraudAlertFunction";
  public static final String CASE_NAME = "com.acme.cep.FraudCaseFunction";
  public static final String CASE_TYPE = "application/vnd.acme.case+json";
  public static final String REPORT_NAME = "com.acme.cep.FraudReportFunction";

  @Override
  public List<AlertFunction> functions() {
    return List.of(new AlertFunction(NAME, AlertFunction.Format.JSON, true),
        new AlertFunction(CASE_NAME, new CaseRecord(), false),
        new AlertFunction(REPORT_NAME, new CaseReport(), false));
  }

  /** The case record: who, which rule, how many events, the last event's time. */
  public static final class CaseRecord implements AlertRenderer {
    @Override
    public String render(Alert alert) {
      int events = alert.events().values().stream().mapToInt(List::size).sum();
      return "{\"case\":\"fraud\",\"user\":\"" + alert.key() + "\",\"rule\":\""
          + alert.ruleId() + "\",\"events\":" + events + ",\"at\":" + alert.lastEventTime()
          + "}";
    }

    @Override
    public String contentType() {
      return CASE_TYPE;
    }
  }

  /** The case record pretty-printed: a field per line. */
  public static final class CaseReport implements AlertRenderer {
    @Override
    public String render(Alert alert) {
      return new CaseRecord().render(alert).replace("{", "{\n  ").replace(",", ",\n  ")
          .replace("}", "\n}");
    }
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
