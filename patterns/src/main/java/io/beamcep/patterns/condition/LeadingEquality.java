package io.beamcep.patterns.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The value an expression requires when it starts by comparing a field with a literal, text or a
 * plain number: {@code eventType == 'cart'} or {@code productId == 1000042}, alone or as the first
 * operand of a top-level {@code &&} ({@code eventType == 'cart' && price > 200}). Aviator compares
 * the field first and stops at false, and comparing nil or a value of the literal's kind with it
 * never throws, so for an event whose field is absent or holds another value of that kind the
 * expression is false without running the rest ({@link RequiredValue#kindOnly}: values of other
 * kinds Aviator compares by rules of its own). A top-level {@code ||} of such operands, each on
 * the same field with a literal of one kind ({@code productId == '1' || productId == '2' && price
 * > 5}), requires any of their values: each operand is false without running its rest. An
 * operand may be such an expression in brackets, alone or as the first conjunct of the operand
 * ({@code (productId == '1' || productId == '2') && price > 5}). Anything else is not recognised,
 * and requires nothing.
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
    // '#' starts a comment, where a quote or bracket would mislead the scans below
    if (text.indexOf('#') >= 0) {
      return null;
    }
    List<String> operands = topLevelOperandsOfOr(text);
    if (operands == null) {
      return null;
    }
    List<RequiredValue> required = new ArrayList<>(operands.size());
    for (String operand : operands) {
      required.add(ofOperand(operand, variables));
    }
    // null when an operand requires nothing, or they differ in field or in their literals' kind
    return RequiredValue.anyOf(required);
  }

  /** What one operand of a top-level {@code ||} (or the whole expression) requires, or null. */
  private static RequiredValue ofOperand(String text, List<String> variables) {
    int at = skipSpaces(text, 0);
    if (at < text.length() && text.charAt(at) == '(') {
      return ofBracketed(text, at, variables);
    }
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
    boolean quoted = at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"');
    int literalEnd = quoted ? textLiteralEnd(text, at) : numberLiteralEnd(text, at);
    if (literalEnd < 0) {
      return null;
    }
    Object value = quoted
        ? text.substring(at + 1, literalEnd - 1)
        : numberValue(text.substring(at, literalEnd));
    if (value == null) {
      return null;
    }
    at = skipSpaces(text, literalEnd);
    if (at < text.length()
        && (!text.startsWith("&&", at) || !restBindsTighterThanOr(text, at + 2))) {
      return null;
    }
    return new RequiredValue(field, value, true);
  }

  /**
   * What an operand requires that opens with a bracket at {@code open}: what the bracketed
   * expression requires, when the bracket is the whole operand or the first conjunct of its
   * top-level {@code &&} ({@code (productId == '1' || productId == '2') && price > 5}). The
   * bracket is false for an event it rules out, and Aviator stops an {@code &&} at false.
   */
  private static RequiredValue ofBracketed(String text, int open, List<String> variables) {
    int close = closingBracket(text, open);
    if (close < 0) {
      return null;
    }
    int at = skipSpaces(text, close + 1);
    if (at < text.length()
        && (!text.startsWith("&&", at) || !restBindsTighterThanOr(text, at + 2))) {
      return null;
    }
    return of(text.substring(open + 1, close), variables);
  }

  /** Where the bracket opening at {@code open} closes, past literals and nested brackets. */
  private static int closingBracket(String text, int open) {
    Scan scan = new Scan(text, open);
    while (scan.next()) {
      if (scan.depth == 0) {
        // back at the depth before the opening bracket: this one closed it
        return text.charAt(scan.at) == ')' ? scan.at : -1;
      }
    }
    return -1;
  }

  /**
   * Where the text literal opening at {@code open} ends (past its closing quote), or -1 when it
   * holds an escape, which would make its value other than the text between the quotes.
   */
  private static int textLiteralEnd(String text, int open) {
    int close = endOfLiteral(text, open);
    return close < 0 || text.substring(open + 1, close).indexOf('\\') >= 0 ? -1 : close + 1;
  }

  /**
   * Where the plain number literal at {@code from} ends: digits, with a fraction or not, and no
   * sign, exponent, suffix (Aviator's M and N) or leading zero; -1 when there is none.
   */
  private static int numberLiteralEnd(String text, int from) {
    int at = digitsEnd(text, from);
    if (at == from || text.charAt(from) == '0' && at > from + 1) {
      return -1;
    }
    if (at < text.length() && text.charAt(at) == '.') {
      int fraction = digitsEnd(text, at + 1);
      if (fraction == at + 1) {
        return -1;
      }
      at = fraction;
    }
    if (at < text.length() && (isNamePart(text.charAt(at), false) || text.charAt(at) == '.')) {
      return -1;
    }
    return at;
  }

  private static int digitsEnd(String text, int from) {
    int at = from;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at;
  }

  /** The literal's value as Aviator reads it: a long, or a double; null when out of range. */
  private static Object numberValue(String literal) {
    if (literal.indexOf('.') >= 0) {
      return Double.parseDouble(literal);
    }
    try {
      return Long.parseLong(literal);
    } catch (NumberFormatException tooLarge) {
      return null; // Aviator makes a big integer of it
    }
  }

  /**
   * The operands of {@code text}'s top-level {@code ||}s (the whole text when it has none); null
   * when it holds a {@code ?} or {@code ;} outside brackets and string literals (a conditional or
   * a sequence, whose value is not that of one {@code ||}), or unbalanced brackets or quotes.
   */
  private static List<String> topLevelOperandsOfOr(String text) {
    List<String> operands = new ArrayList<>();
    int start = 0;
    Scan scan = new Scan(text, 0);
    while (scan.next()) {
      char c = text.charAt(scan.at);
      if (scan.depth < 0) {
        return null;
      } else if (scan.depth > 0 || Scan.isBracketOrQuote(c)) {
        continue;
      } else if (c == '?' || c == ';') {
        return null;
      } else if (text.startsWith("||", scan.at)) {
        operands.add(text.substring(start, scan.at));
        start = scan.at + 2;
        scan.at++;
      }
    }
    if (scan.failed || scan.depth != 0) {
      return null;
    }
    operands.add(text.substring(start));
    return operands;
  }

  /**
   * Whether {@code text} from {@code from} holds no {@code ||}, {@code ?} or {@code ;} outside
   * brackets and string literals: otherwise the leading comparison is not a conjunct of the whole.
   */
  private static boolean restBindsTighterThanOr(String text, int from) {
    List<String> operands = topLevelOperandsOfOr(text.substring(from));
    return operands != null && operands.size() == 1;
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

  /**
   * Walks an expression's characters outside its string literals, keeping the bracket depth: the
   * one walk both the search for a closing bracket and the split at top-level {@code ||} make.
   */
  private static final class Scan {
    private final String text;
    /** The character last stepped onto, outside literals (a literal's closing quote for one). */
    int at;
    /** The depth of brackets after {@link #at}: opened ones count up, closed ones down. */
    int depth;
    /** Set when a literal does not close: the walk ends there. */
    boolean failed;

    Scan(String text, int from) {
      this.text = text;
      this.at = from - 1;
    }

    /** Steps to the next character, past a whole literal; false at the end or an open literal. */
    boolean next() {
      if (++at >= text.length()) {
        return false;
      }
      char c = text.charAt(at);
      if (c == '\'' || c == '"') {
        at = endOfLiteral(text, at);
        failed = at < 0;
        return !failed;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
      return true;
    }

    /** Whether {@code c} is a bracket or a literal's quote, which {@link #next} steps past. */
    static boolean isBracketOrQuote(char c) {
      return "()[]{}'\"".indexOf(c) >= 0;
    }
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
