package io.beamcep.patterns.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.compiler.RuleCompiler;
import io.beamcep.patterns.condition.ConditionRegistry;
import io.beamcep.patterns.event.Event;
import io.beamcep.patterns.json.RuleJson;
import io.beamcep.patterns.synthetic.ClickStreamGenerator;
import io.beamcep.patterns.synthetic.TimedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes of format 4 are a contract: savepoints hold them, so an encoder rewritten for speed
 * must write exactly what the one that wrote them did. The fixture (keystate-format4.txt) was
 * written by the codec of commit 7f5f064 from the five scenarios' rules over a synthetic stream in
 * which every 37th event also carries unusual values (non-ASCII and astral text, a scaled
 * BigDecimal, a BigInteger, an Integer, null, booleans, nested lists and maps): every key state
 * in the middle and at the end of the stream, as hex. Regenerate it only with a format change:
 * {@code -Dkeystate.fixture.write=PATH}.
 */
class KeyStateFormatTest {
  private static final String FIXTURE = "keystate-format4.txt";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theEncoderWritesTheFixturesBytesForEveryKeyState() throws IOException {
    List<String> expected = fixture();
    List<String> actual = snapshots();
    String write = System.getProperty("keystate.fixture.write");
    if (write != null) {
      Files.write(Paths.get(write), actual, StandardCharsets.UTF_8);
    }
    assertTrue(expected.size() > 40, "the fixture holds " + expected.size() + " key states");
    assertEquals(expected.size(), actual.size(), "key states snapshotted");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), "snapshot line " + (i + 1));
    }
  }

  @Test
  void everyFixtureStateDecodesAndEncodesToTheSameBytes() throws IOException {
    HexFormat hex = HexFormat.of();
    for (String line : fixture()) {
      byte[] bytes = hex.parseHex(line.substring(line.lastIndexOf(' ') + 1));
      assertEquals(line.substring(line.lastIndexOf(' ') + 1),
          hex.formatHex(KeyState.fromBytes(bytes).toBytes()), line.substring(0, 20));
    }
  }

  /** "mid|end key hex" per key state holding anything, keys in first-seen order. */
  private static List<String> snapshots() throws IOException {
    Matcher matcher = Matcher.of(scenarioRules());
    Map<String, KeyState> states = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    int events = 2400;
    int i = 0;
    for (TimedEvent timed : ClickStreamGenerator.builder().seed(5).events(events).users(24)
        .build()) {
      Event event = ++i % 37 == 0 ? withUnusualValues(timed.event(), i) : timed.event();
      KeyState state = states.computeIfAbsent(event.getString("userId"), key -> KeyState.empty());
      matcher.process(state, event, timed.timestamp());
      if (i == events / 2 || i == events) {
        String when = i == events ? "end" : "mid";
        states.forEach((key, held) -> {
          if (!held.isEmpty()) {
            lines.add(when + " " + key + " " + HexFormat.of().formatHex(held.toBytes()));
          }
        });
      }
    }
    return lines;
  }

  private static Event withUnusualValues(Event event, int i) {
    Map<String, Object> fields = new LinkedHashMap<>(event.fields());
    fields.put("note", i % 2 == 0 ? "Grüße aus 東京 🚀" : "plain ascii " + i);
    fields.put("amount", new BigDecimal("12.3400").movePointLeft(i % 3));
    fields.put("big", BigInteger.TWO.pow(70 + i % 5).negate());
    fields.put("count", i);
    fields.put("missing", null);
    fields.put("flag", i % 3 == 0);
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("k", Arrays.asList("v", null, 2.5d, List.of(true)));
    nested.put("ü", Map.of());
    fields.put("nested", nested);
    return Event.of(fields);
  }

  /** The five scenarios' rules, ids made distinct, each with its own skip strategy. */
  private static List<CompiledRule> scenarioRules() throws IOException {
    RuleCompiler compiler = new RuleCompiler(ConditionRegistry.defaults());
    List<CompiledRule> rules = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      JsonNode rows = JSON.readTree(testdata().resolve("scenario" + n + ".rules.json").toFile());
      for (JsonNode row : rows) {
        ObjectNode copy = ((ObjectNode) row).deepCopy();
        copy.put("id", "scenario" + n + "-" + row.get("id").asText());
        rules.add(compiler.compile(RuleJson.parseRuleRow(copy)));
      }
    }
    return rules;
  }

  private static List<String> fixture() throws IOException {
    try (InputStream in = KeyStateFormatTest.class.getResourceAsStream(FIXTURE)) {
      if (in == null) {
        throw new IOException(
            "no test resource " + FIXTURE + " beside " + KeyStateFormatTest.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static Path testdata() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/scenario1.rules.json"))) {
        return dir.resolve("testdata");
      }
    }
    throw new IllegalStateException("no testdata/ above " + Paths.get("").toAbsolutePath());
  }
}
