package io.beamcep.pipeline.alert;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertFunctionsTest {

  @Test
  void referenceDemoFunctionRendersReferenceTextAndNoTimeouts() {
    AlertFunction function = AlertFunctions.find(AlertFunctions.REFERENCE_DEMO).orElseThrow();
    assertThat(function.format(), is(AlertFunction.Format.REFERENCE_TEXT));
    assertThat(function.emitsTimeouts(), is(false));
  }

  @Test
  void nullOrBlankFunctionIsTheJsonDefault() {
    assertThat(AlertFunctions.find(null), is(Optional.of(AlertFunctions.defaultFunction())));
    assertThat(AlertFunctions.find("  "), is(Optional.of(AlertFunctions.defaultFunction())));
    assertThat(AlertFunctions.defaultFunction().format(), is(AlertFunction.Format.JSON));
  }

  @Test
  void jsonWithTimeoutsEmitsTimeouts() {
    assertThat(AlertFunctions.find("io.beamcep.alert.JsonWithTimeouts").orElseThrow()
        .emitsTimeouts(), is(true));
    assertThat(AlertFunctions.find("io.beamcep.alert.Json").orElseThrow().emitsTimeouts(),
        is(false));
  }

  @Test
  void unknownNamesAreNotFoundAndNoClassIsLoaded() {
    assertThat(AlertFunctions.find("java.lang.Runtime"), is(Optional.empty()));
    assertThat(AlertFunctions.find("io.beamcep.alert.json"), is(Optional.empty()));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> AlertFunctions.require("x.Y"));
    assertThat(error.getMessage().contains("unknown alert function 'x.Y'"), is(true));
  }

  @Test
  void namesListsEveryRegisteredFunction() {
    assertThat(AlertFunctions.names(), hasItems(AlertFunctions.REFERENCE_DEMO,
        AlertFunctions.JSON, AlertFunctions.JSON_WITH_TIMEOUTS));
  }
}
