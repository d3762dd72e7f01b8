package io.beamcep.patterns.spec;

import static io.beamcep.patterns.spec.Spec.is;
import static io.beamcep.patterns.yardstick.PatternBuilder.begin;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamcep.patterns.condition.ConditionPlugin;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.condition.PriceAbovePlugin;
import io.beamcep.patterns.model.ConditionSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions of one's own ({@link ConditionPlugin}): a rule names them as a CLASS condition, as a
 * rule table written for the reference system names its author's condition classes, and they
 * match as Flink CEP matches with the same condition. This module's test class path lists {@link
 * PriceAbovePlugin} as a service.
 */
class ConditionPluginTest {
  private static final String SERVICES =
      "META-INF/services/" + ConditionPlugin.class.getName();

  @Test
  void aRuleNamesAPluginsConditionAsAClassCondition() {
    ConditionSpec dearCart =
        new ConditionSpec.Named(PriceAbovePlugin.NAME, List.of("c", 200L));
    Spec.rule(begin("cart", dearCart).followedBy("purchase", is("p")))
        .events("c1=150 c2=250 p3 c4=300 p5")
        .expectMatches("cart:c2 purchase:p3", "cart:c4 purchase:p5");
  }

  @Test
  void thePluginsNamesAreAmongTheDefaults() {
    assertThat(ConditionRegistry.defaults().names(), hasItem(PriceAbovePlugin.NAME));
    assertThat(ConditionRegistry.defaults().names(),
        hasItem("com.alibaba.ververica.cep.demo.condition.FirstViewCondition"));
  }

  @Test
  void aPluginTakingABuiltInsNameIsRefusedNamingBoth(@TempDir Path dir) throws IOException {
    ClassLoader plugins = listing(dir, PriceAbovePlugin.TakesABuiltInName.class.getName());

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> ConditionRegistry.builderWithDefaults(plugins));

    assertThat(refused.getMessage(), containsString("condition plugin "
        + PriceAbovePlugin.TakesABuiltInName.class.getName() + " failed: condition "
        + "'io.beamcep.conditions.EventTypeIs' is already registered (built in)"));
  }

  @Test
  void twoPluginsTakingOneNameAreRefusedNamingTheFirst(@TempDir Path dir) throws IOException {
    ClassLoader plugins = listing(dir, PriceAbovePlugin.TakesItsName.class.getName());

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> ConditionRegistry.builderWithDefaults(plugins));

    assertThat(refused.getMessage(), containsString("'" + PriceAbovePlugin.NAME
        + "' is already registered (registered by condition plugin "
        + PriceAbovePlugin.class.getName() + ")"));
  }

  @Test
  void aListedPluginThatIsNotThereIsRefusedByName(@TempDir Path dir) throws IOException {
    ClassLoader plugins = listing(dir, "com.example.cep.MissingPlugin");

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> ConditionRegistry.builderWithDefaults(plugins));

    assertThat(refused.getMessage(), containsString("cannot load a condition plugin"));
    assertThat(refused.getMessage(), containsString("com.example.cep.MissingPlugin"));
  }

  @Test
  void whatTheCallerRegistersAfterThePluginsIsItsOwn() {
    ConditionRegistry.Builder builder = ConditionRegistry.builderWithDefaults();
    builder.register("test.Mine", args -> (event, context) -> true);

    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> builder.register("test.Mine", args -> (event, context) -> false));

    assertThat(twice.getMessage(), containsString("condition 'test.Mine' is already registered"));
    assertThat(twice.getMessage(), not(containsString("plugin")));
  }

  /** A class loader that lists {@code plugin} as a service beside what the class path lists. */
  private static ClassLoader listing(Path dir, String plugin) throws IOException {
    Path services = dir.resolve(SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, plugin + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()},
        ConditionPluginTest.class.getClassLoader());
  }
}
