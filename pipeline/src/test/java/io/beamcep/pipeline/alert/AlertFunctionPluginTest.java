package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.event.Event;
import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleValidator;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function names of one's own ({@link AlertFunctionPlugin}): a row naming one is accepted and its
 * alerts are rendered and its timeouts reported as the plugin says. This module's test class path
 * lists {@link FraudAlertFunctionPlugin} as a service.
 */
class AlertFunctionPluginTest {
  private static final String SERVICES =
      "META-INF/services/" + AlertFunctionPlugin.class.getName();

  @Test
  void aPluginsFunctionIsFoundByItsNameWithWhatItSays() {
    AlertFunction fraud = AlertFunctions.find(FraudAlertFunctionPlugin.NAME).orElseThrow();

    assertThat(fraud.format(), is(AlertFunction.Format.JSON));
    assertThat(fraud.emitsTimeouts(), is(true));
    assertThat(AlertFunctions.names(), hasItem(FraudAlertFunctionPlugin.NAME));
  }

  /**
   * A plugin's function with a renderer of its own: its alerts are that rendering for the record
   * sinks (the payload) and the console alike, of the renderer's media type.
   */
  @Test
  void aPluginsRenderingIsItsAlertsPayloadAndText() {
    Alert alert = alertOf(FraudAlertFunctionPlugin.CASE_NAME);
    String record = "{\"case\":\"fraud\",\"user\":\"u1\",\"rule\":\"1\",\"events\":2,"
        + "\"at\":1577836863000}";

    assertThat(alert.payload(), is(record));
    assertThat(alert.render(), is(record));
    AlertFunction cases = AlertFunctions.require(FraudAlertFunctionPlugin.CASE_NAME);
    assertThat(cases.format(), is(AlertFunction.Format.CUSTOM));
    assertThat(cases.contentType(), is(FraudAlertFunctionPlugin.CASE_TYPE));
    // ours: the record sinks write JSON, the console the reference's text
    Alert demo = alertOf(AlertFunctions.REFERENCE_DEMO);
    assertThat(demo.payload(), is(AlertJson.toJson(demo)));
    assertThat(demo.render(), is(ReferenceText.of(demo)));
  }

  /**
   * A renderer that throws for an alert, and one that returns nothing. Expected: the alert goes
   * out as our JSON (logged and counted) instead of failing its sink.
   */
  @Test
  void anAlertARendererCannotRenderGoesOutAsJson() {
    Alert alert = alertOf(AlertFunctions.JSON);
    AlertFunction throwing = new AlertFunction("com.acme.Throws", failed -> {
      throw new IllegalStateException("no case for " + failed.key());
    }, false);
    AlertFunction nothing = new AlertFunction("com.acme.Null", failed -> null, false);

    assertThat(throwing.payload(alert), is(AlertJson.toJson(alert)));
    assertThat(nothing.render(alert), is(AlertJson.toJson(alert)));
  }

  /**
   * A plugin's rendering over several lines (pretty-printed JSON). Expected: the record sinks'
   * payload is that rendering; the jsonl sink's line is our JSON instead (one line, as a failed
   * rendering would be), since the rendering would split its line.
   */
  @Test
  void aRenderingOfSeveralLinesIsNoLineOfTheJsonlSink() {
    Alert alert = alertOf(FraudAlertFunctionPlugin.REPORT_NAME);
    String report = "{\n  \"case\":\"fraud\",\n  \"user\":\"u1\",\n  \"rule\":\"1\",\n  "
        + "\"events\":2,\n  \"at\":1577836863000\n}";

    assertThat(alert.payload(), is(report));
    assertThat(alert.render(), is(report));
    assertThat(alert.line(), is(AlertJson.toJson(alert)));
    Alert cases = alertOf(FraudAlertFunctionPlugin.CASE_NAME);
    assertThat(cases.line(), is(cases.payload()));
  }

  @Test
  void aRendererGoesWithTheCustomFormatOnly() {
    assertThrows(IllegalArgumentException.class,
        () -> new AlertFunction("com.acme.X", AlertFunction.Format.CUSTOM, false, null));
    assertThrows(IllegalArgumentException.class,
        () -> new AlertFunction("com.acme.X", AlertFunction.Format.JSON, false, a -> "x"));
  }

  private static Alert alertOf(String function) {
    Map<String, List<Event>> events = new LinkedHashMap<>();
    events.put("first_view", List.of(Event.of(Map.of("id", 1, "userId", "u1"))));
    events.put("second_view", List.of(Event.of(Map.of("id", 2, "userId", "u1"))));
    return new Alert("1", 1, function, "u1", Alert.Kind.MATCH, 1577836863000L, 1577836860000L,
        1577836863000L, events);
  }

  @Test
  void aRowNamingAPluginsFunctionIsAcceptedByTheJobsValidator() {
    RuleValidator.engine().check(
        new RuleRow("fraud", 1, Scenarios.patternText(2), FraudAlertFunctionPlugin.NAME));
  }

  @Test
  void aPluginNamingABuiltInFunctionIsRefusedNamingBoth(@TempDir Path dir) throws IOException {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> AlertFunctions.load(listing(dir, FraudAlertFunctionPlugin.TakesABuiltInName.class)));

    assertThat(refused.getMessage(), containsString("alert function plugin "
        + FraudAlertFunctionPlugin.TakesABuiltInName.class.getName() + " names the function '"
        + AlertFunctions.JSON + "', already registered (built in)"));
  }

  @Test
  void aNameNoRowCouldGiveIsRefused(@TempDir Path dir) throws IOException {
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> AlertFunctions.load(listing(dir, FraudAlertFunctionPlugin.PaddedName.class)));

    assertThat(refused.getMessage(), containsString("names a function ' com.acme.Padded'"));
  }

  @Test
  void aListedPluginThatIsNotThereIsRefusedByName(@TempDir Path dir) throws IOException {
    Path services = dir.resolve(SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.acme.cep.MissingFunctions\n");
    ClassLoader plugins = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        AlertFunctionPluginTest.class.getClassLoader());

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> AlertFunctions.load(plugins));

    assertThat(refused.getMessage(), containsString("cannot load an alert function plugin"));
    assertThat(refused.getMessage(), containsString("com.acme.cep.MissingFunctions"));
  }

  /** A class loader that lists {@code plugin} as a service beside what the class path lists. */
  private static ClassLoader listing(Path dir, Class<? extends AlertFunctionPlugin> plugin)
      throws IOException {
    Path services = dir.resolve(SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, plugin.getName() + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()},
        AlertFunctionPluginTest.class.getClassLoader());
  }
}
