package io.beamcep.patterns.engine;

import static io.beamcep.patterns.engine.Rules.COMPILER;
import static io.beamcep.patterns.engine.Rules.chain;
import static io.beamcep.patterns.engine.Rules.event;
import static io.beamcep.patterns.engine.Rules.node;
import static io.beamcep.patterns.engine.Rules.q;
import static io.beamcep.patterns.engine.Rules.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.model.AfterMatch;
import io.beamcep.patterns.model.Contiguity;
import io.beamcep.patterns.model.EdgeType;
import io.beamcep.patterns.model.QuantifierProperty;
import io.beamcep.patterns.model.Rule;
import io.beamcep.patterns.model.Window;
import io.beamcep.patterns.model.WindowType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Key state saved by a build that kept partial matches in a Dewey-versioned shared buffer (format
 * 3, written by commit 798f77e, and format 1, written by commit 5b6e3e1) restores and goes on
 * matching exactly as those builds did. The state: rule "any" (a, followedByAny b{1,3} with
 * combinations) and rule "loop" (a, followedBy c{2,}), both within 20 s, after events a1 b2 a3
 * c4 b5 c6 a6: 10 partial matches over 7 events, branches sharing buffer nodes.
 */
class LegacyKeyStateTest {
  private static final String FORMAT_3_STATE =
      "A+BdAAIHAI9OAAICAAR0eXBlCwABYQACaWQEAgC/PgABAgELAAFiAwQEAO8uAAICAQsCAwQGAJ8fAAEC"
          + "AQsAAWMDBAgAzw8AAQIBCwQDBAoAAAABAgELBQMEDAAAAQICAQsCAwQMAgADYW55ApDIAgUBAgMCBAID"
          + "AgIFBAMHAgEBAAEBAwECAgEAAgEAAQICAwMEAQABAAECAgEBAQQCAgABAQABAwEIAANiOjAFBgEAAQAB"
          + "AI9Ozw8BAQADYjoyAwQBAAEBj06/PgEBCAUEAQEBAI9Ozw8BAQADYjozAgIBAo9Oj04BAQgFBAIAAQDv"
          + "Ls8PAQMJBAICAe8u7y4BAwkGAgMAAAABBwIAAQThXeFdAAAABGxvb3AEkMgCBQECAQMCAQQFAgYFAgcC"
          + "AQEAAQEBAQABAgECAgIBAAEDAgIAAQIEAwEAAAEEAwIAAAEBAAEDAQQAA2M6MAUFAQAAAQCPTgABAQsF"
          + "BQIAAAEA7y4AAQMAA2M6MgYCAwAAAAEHAgABBOFd4V0AAA==";

  /**
   * The same state written in format 1 (names and event ids in full at every reference) by commit
   * 5b6e3e1, whose build emitted the same {@link #OLD_BUILD_CONTINUED} after restoring it.
   */
  private static final String FORMAT_1_STATE =
      "AeBd4F0CB6AfAAECBHR5cGUBAWICaWQEBMA+AAECBHR5cGUBAWMCaWQECOBdAAECBHR5cGUBAWMCaWQE"
          + "DOBdAQICBHR5cGUBAWECaWQEDNAPAAICBHR5cGUBAWECaWQEAvAuAAICBHR5cGUBAWECaWQEBpBOAAEC"
          + "BHR5cGUBAWICaWQECgIDYW55ApDIAgXwLgABYQIBAAECApBOAAFiAwMBoB8AAWIEAQABAAEB0A8AAWEC"
          + "AQEBAfAuAAFhAgIAAdAPAAFhAwEAAQED4F0BAWEBAQABAwGgHwABYgIBAdAPAAFhAgEAAggDYjowAZBO"
          + "AAFiBgEAAQABANAPkE4B0A8AA2I6MgGgHwABYgQBAAEB0A+gHwHQDwADYjoyAZBOAAFiBAEBAQDQD5BO"
          + "AdAPAANiOjMB0A8AAWECAQLQD9APAdAPAANiOjIBkE4AAWIEAgABAPAukE4B8C4AA2I6MwHwLgABYQIC"
          + "AfAu8C4B8C4AA2I6MwHgXQEBYQIDAOBd4F0B4F0BAWEAAQQBAQAABGxvb3AEkMgCBfAuAAFhAQEAAQIB"
          + "4F0AAWMCAgHAPgABYwMBAAABAcA+AAFjAwIAAAHQDwABYQEBAAEBAeBdAQFhAQEAAQMBwD4AAWMCAgHQ"
          + "DwABYQIBAAEB8C4AAWECAgABBANjOjAB4F0AAWMFAQAAAQDQD+BdAdAPAANjOjAB4F0AAWMFAgAAAQDw"
          + "LuBdAfAuAANjOjIB4F0BAWECAwDgXeBdAeBdAQFhAAEEAQEAAA==";

  /** What the old builds emitted for b7 c8 b9 c10, then at 60 s (the windows closed). */
  private static final List<String> OLD_BUILD_CONTINUED = List.of(
          "a=a1 b=b2,b5,b7",
          "a=a1 b=b2,b7",
          "a=a1 b=b7",
          "a=a1 b=b5,b7",
          "a=a3 b=b7",
          "a=a3 b=b5,b7",
          "a=a6 b=b7",
          "a=a1 c=c4,c6,c8",
          "a=a3 c=c4,c6,c8",
          "a=a1 b=b2,b5,b9",
          "a=a1 b=b2,b7,b9",
          "a=a1 b=b5,b7,b9",
          "a=a1 b=b5,b9",
          "a=a1 b=b2,b9",
          "a=a1 b=b7,b9",
          "a=a1 b=b9",
          "a=a3 b=b9",
          "a=a3 b=b5,b7,b9",
          "a=a3 b=b7,b9",
          "a=a3 b=b5,b9",
          "a=a6 b=b9",
          "a=a6 b=b7,b9",
          "a=a1 c=c4,c6,c8,c10",
          "a=a3 c=c4,c6,c8,c10",
          "a=a6 c=c8,c10",
          "TIMEOUT a=a1 b=b2,b5",
          "TIMEOUT a=a1 b=b2,b7",
          "TIMEOUT a=a1 b=b2,b9",
          "TIMEOUT a=a1 b=b2",
          "TIMEOUT a=a1 b=b5,b7",
          "TIMEOUT a=a1 b=b5,b9",
          "TIMEOUT a=a1 b=b5",
          "TIMEOUT a=a1 b=b7,b9",
          "TIMEOUT a=a1 b=b7",
          "TIMEOUT a=a1 b=b9",
          "TIMEOUT a=a1",
          "TIMEOUT a=a3 b=b5,b7",
          "TIMEOUT a=a3 b=b5,b9",
          "TIMEOUT a=a3 b=b5",
          "TIMEOUT a=a3 b=b7,b9",
          "TIMEOUT a=a3 b=b7",
          "TIMEOUT a=a3 b=b9",
          "TIMEOUT a=a3",
          "TIMEOUT a=a6 b=b7,b9",
          "TIMEOUT a=a6 b=b7",
          "TIMEOUT a=a6 b=b9",
          "TIMEOUT a=a6",
          "TIMEOUT a=a1 c=c4,c6,c8,c10",
          "TIMEOUT a=a3 c=c4,c6,c8,c10",
          "TIMEOUT a=a6 c=c8,c10");

  private static List<CompiledRule> rules() {
    Window window = new Window(WindowType.FIRST_AND_LAST, Duration.ofSeconds(20));
    CompiledRule any = COMPILER.compile(new Rule("any", 1, chain(
        List.of(node("a", "a"),
            node("b", "b", q(Contiguity.SKIP_TILL_ANY, 1, 3, QuantifierProperty.TIMES))),
        List.of(EdgeType.SKIP_TILL_ANY), Optional.of(window), AfterMatch.noSkip()), null));
    CompiledRule loop = COMPILER.compile(new Rule("loop", 2, chain(
        List.of(node("a", "a"),
            node("c", "c", q(Contiguity.SKIP_TILL_NEXT, 2, 2, QuantifierProperty.LOOPING))),
        List.of(EdgeType.SKIP_TILL_NEXT), Optional.of(window), AfterMatch.noSkip()), null));
    return List.of(any, loop);
  }

  @Test
  void aFormat3StateRestoresAndMatchesOnAsTheBuildThatWroteIt() {
    restoresAndMatchesOnAsTheBuildThatWroteIt(FORMAT_3_STATE);
  }

  /** Format 1: names and event ids written in full wherever they are referred to. */
  @Test
  void aFormat1StateRestoresAndMatchesOnAsTheBuildThatWroteIt() {
    restoresAndMatchesOnAsTheBuildThatWroteIt(FORMAT_1_STATE);
  }

  private static void restoresAndMatchesOnAsTheBuildThatWroteIt(String base64) {
    KeyState restored = KeyState.fromBytes(Base64.getDecoder().decode(base64));
    assertEquals(10, restored.partialMatchCount());
    assertEquals(7, restored.bufferedEventCount());
    Matcher matcher = Matcher.of(rules());
    List<String> out = new ArrayList<>();
    for (String token : List.of("b7", "c8", "b9", "c10")) {
      int id = Integer.parseInt(token.substring(1));
      out.addAll(render(matcher.process(restored, event(token.substring(0, 1), id), id * 1000L)));
    }
    out.addAll(render(matcher.advanceTime(restored, 60_000)));
    assertEquals(OLD_BUILD_CONTINUED, out);
    assertTrue(restored.isEmpty());
  }

  @Test
  void restoredFormat1And3StatesAreWrittenInTheCurrentFormatAndReadBackTheSame() {
    for (String base64 : List.of(FORMAT_1_STATE, FORMAT_3_STATE)) {
      KeyState restored = KeyState.fromBytes(Base64.getDecoder().decode(base64));
      byte[] current = restored.toBytes();
      assertEquals(4, current[0], "format byte");
      KeyState again = KeyState.fromBytes(current);
      assertArrayEquals(current, again.toBytes());
      assertEquals(restored.partialMatchCount(), again.partialMatchCount());
      assertEquals(restored.bufferedEventCount(), again.bufferedEventCount());
    }
  }
}
