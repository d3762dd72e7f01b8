package io.beamcep.runners.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress bar of long commands: drawn at a terminal, and nothing in a log or a file. */
class ProgressTest {

  private static String drawn(boolean atTerminal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress progress = Progress.ofEvents("generate", 1000, atTerminal, to)) {
      progress.accept(500);
      progress.accept(1000);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void atATerminalTheBarIsDrawn() {
    assertThat(drawn(true), containsString("1000/1000 events"));
  }

  @Test
  void elsewhereNothingIsWritten() {
    assertThat(drawn(false), equalTo(""));
  }
}
