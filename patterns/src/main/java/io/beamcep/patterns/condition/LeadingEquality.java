package io.beamcep.patterns.condition;

import java.util.List;
import java.util.Set;

/**
 * The value an expression requires when it starts by comparing a field with a text literal: {@code
 * eventType == 'cart'}, alone or as the first operand of a top-level {@code &&} ({@code eventType
 * == 'cart' && price > 200}). Aviator compares the field first and stops at false, and comparing
 * text or nil with text never throws, so for an event whose field is absent or other text the
 * expression is false without running the rest ({@link RequiredValue#textOnly}: other values
 * Aviator compares by rules of its own). Anything else is not recognised, and requires nothing.
 */
final class LeadingEquality {
  /** Names Aviator reads as literals, not as a field. */
  private static final Set<String> KEYWORDS = Set.of("nil", "true", "false", "lambda", "end");

  private LeadingEquality() {}

  /**
   * What {@code text}, an expression whose variables are {@code variables}, requires; null when
   * it is not of the shape above.
   */
  static RequiredValue of(String text, List<String> variables) {
    // '#' starts a comment, where a quote or bracket would mislead the scan below
    if (text.indexOf('#') >= 0) {
      return null;
    }
    int at = skipSpaces(text, 0);
    int nameEnd = at;
    while (nameEnd < text.length() && isNamePart(text.charAt(nameEnd), nameEnd == at)) {
      nameEnd++;
    }
    String field = text.substring(at, nameEnd);
    // a dotted name reads a nested object, and a keyword is a literal: neither is a field
    if (field.isEmpty() || KEYWORDS.contains(field) || !variables.contains(field)) {
      return null;
    }
    at = skipSpaces(text, nameEnd);
    if (!text.startsWith("==", at)) {
      return null;
    }
    at = skipSpaces(text, at + 2);
    if (at >= text.length() || text.charAt(at) != '\'' && text.charAt(at) != '"') {
      return null;
    }
    char quote = text.charAt(at);
    int close = text.indexOf(quote, at + 1);
    if (close < 0) {
      return null;
    }
    String literal = text.substring(at + 1, close);
    // an escape would make the value other than the text between the quotes
    if (literal.indexOf('\\') >= 0) {
      return null;
    }
    at = skipSpaces(text, close + 1);
    if (at == text.length()) {
      return new RequiredValue(field, literal, true);
    }
    if (!text.startsWith("&&", at) || !restBindsTighterThanOr(text, at + 2)) {
      return null;
    }
    return new RequiredValue(field, literal, true);
  }

  /**
   * Whether {@code text} from {@code from} holds no {@code ||}, {@code ?} or {@code ;} outside
   * brackets and string literals: otherwise the leading comparison is not a conjunct of the whole.
   */
  private static boolean restBindsTighterThanOr(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = endOfLiteral(text, i);
        if (i < 0) {
          return false;
        }
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth < 0) {
          return false;
        }
      } else if (depth == 0 && (c == '?' || c == ';' || text.startsWith("||", i))) {
        return false;
      }
    }
    return depth == 0;
  }

  /** Where the literal opening at {@code open} closes, skipping escapes; -1 when it does not. */
  private static int endOfLiteral(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNamePart(char c, boolean first) {
    return c == '_' || Character.isLetter(c) || !first && Character.isDigit(c);
  }

  private static int skipSpaces(String text, int from) {
    int at = from;
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }
}
