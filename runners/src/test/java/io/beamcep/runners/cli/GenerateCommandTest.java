package io.beamcep.runners.cli;

import static io.beamcep.runners.CepRunner.cep;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamcep.runners.CepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cep generate}: N JSON lines, the same for the same seed, errors in one line. */
class GenerateCommandTest {

  @TempDir Path dir;

  @Test
  void writesNEventsInTheTestdataShapeAndRepeatsForTheSameSeed() throws IOException {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    assertThat(
        cep("generate", "--events", "500", "--users", "20", "--seed", "7", "--out", a.toString())
            .exitCode(),
        equalTo(0));
    assertThat(
        cep("generate", "--events", "500", "--users", "20", "--seed", "7", "--out", b.toString())
            .exitCode(),
        equalTo(0));
    List<String> lines = Files.readAllLines(a);
    assertThat(lines.size(), equalTo(500));
    assertThat(Files.readAllLines(b), equalTo(lines));
    var first = new ObjectMapper().readTree(lines.get(0));
    for (String field :
        new String[] {"id", "eventTime", "eventType", "productId", "price", "userId"}) {
      assertThat(field, first.has(field), equalTo(true));
    }
    CepRunner other = cep("generate", "--events", "500", "--users", "20", "--seed", "8");
    assertThat(other.out().lines().toList(), not(equalTo(lines)));
  }

  @Test
  void largeStreamsShowAProgressBarAndStillWriteEveryEvent() throws IOException {
    long events = GenerateCommand.PROGRESS_THRESHOLD;
    Path out = dir.resolve("large.jsonl");
    CepRunner result = cep("generate", "--events", String.valueOf(events), "--out", out.toString());
    assertThat(result.err(), result.exitCode(), equalTo(0));
    assertThat(result.err(), containsString("wrote " + events + " events to " + out));
    try (var lines = Files.lines(out)) {
      assertThat(lines.count(), equalTo(events));
    }
  }

  @Test
  void badValuesAreUsageErrorsAndABadPathIsOneLine() {
    assertThat(cep("generate").exitCode(), equalTo(2));
    assertThat(cep("generate", "--events", "many").exitCode(), equalTo(2));
    CepRunner negative = cep("generate", "--events", "-5");
    assertThat(negative.exitCode(), equalTo(2));
    assertThat(negative.err(), containsString("--events must be >= 0"));
    CepRunner noDir =
        cep("generate", "--events", "5", "--out", dir.resolve("no/such/dir/x.jsonl").toString());
    assertThat(noDir.exitCode(), equalTo(1));
    assertThat(noDir.err(), containsString("does not exist"));
    assertThat(noDir.err().lines().count(), equalTo(1L));
  }
}
