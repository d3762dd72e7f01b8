package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.pipeline.rules.RuleRow;
import io.beamcep.pipeline.rules.RuleValidator;
import io.beamcep.pipeline.testing.Scenarios;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
