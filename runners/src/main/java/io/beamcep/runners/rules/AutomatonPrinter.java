package io.beamcep.runners.rules;

import io.beamcep.patterns.compiler.CompiledRule;
import io.beamcep.patterns.nfa.Nfa;
import io.beamcep.patterns.nfa.State;
import io.beamcep.patterns.nfa.Transition;
import java.time.Duration;
import java.util.Map;

/** Prints a compiled rule's automaton as text, Graphviz DOT or Mermaid. */
public final class AutomatonPrinter {
  private AutomatonPrinter() {}

  public enum Format {
    text,
    dot,
    mermaid
  }

  public static String print(CompiledRule rule, Format format) {
    return switch (format) {
      case text -> text(rule);
      case dot -> dot(rule);
      case mermaid -> mermaid(rule);
    };
  }

  private static String title(CompiledRule rule) {
    Nfa nfa = rule.automaton();
    StringBuilder title =
        new StringBuilder("rule " + rule.key().id() + " v" + rule.key().version());
    if (nfa.windowTime() > 0) {
      title.append(", within ").append(Duration.ofMillis(nfa.windowTime()));
    }
    for (Map.Entry<String, Long> window : nfa.windowTimes().entrySet()) {
      title.append(", ").append(window.getKey()).append(" within ")
          .append(Duration.ofMillis(window.getValue())).append(" of the previous event");
    }
    if (nfa.afterMatch() != null) {
      title.append(", after match ").append(nfa.afterMatch().type());
      nfa.afterMatch().patternName().ifPresent(name -> title.append(' ').append(name));
    }
    return title.toString();
  }

  static String text(CompiledRule rule) {
    StringBuilder out = new StringBuilder(title(rule)).append('\n');
    for (State state : rule.automaton().states()) {
      out.append("  state ").append(state.name()).append(" (").append(state.type()).append(")\n");
      for (Transition t : state.transitions()) {
        out.append("    ").append(t.action()).append(" -> ").append(t.target().name())
            .append(" if ").append(t.guard().description()).append('\n');
      }
    }
    return out.toString();
  }

  static String dot(CompiledRule rule) {
    StringBuilder out = new StringBuilder("digraph \"rule ")
        .append(escape(rule.key().id())).append(" v").append(rule.key().version()).append("\" {\n");
    out.append("  label=\"").append(escape(title(rule))).append("\";\n  rankdir=LR;\n");
    for (State state : rule.automaton().states()) {
      String shape = state.isFinal() ? "doublecircle" : state.isStop() ? "octagon" : "circle";
      out.append("  \"").append(escape(state.name())).append("\" [shape=").append(shape)
          .append(state.isStart() ? ", style=bold" : "").append("];\n");
    }
    for (State state : rule.automaton().states()) {
      for (Transition t : state.transitions()) {
        out.append("  \"").append(escape(state.name())).append("\" -> \"")
            .append(escape(t.target().name())).append("\" [label=\"").append(t.action())
            .append(": ").append(escape(t.guard().description())).append("\"];\n");
      }
    }
    return out.append("}\n").toString();
  }

  static String mermaid(CompiledRule rule) {
    StringBuilder out = new StringBuilder("---\ntitle: ").append(title(rule))
        .append("\n---\nstateDiagram-v2\n");
    for (State state : rule.automaton().states()) {
      out.append("  state \"").append(state.name().replace("\"", "'")).append(" (")
          .append(state.type()).append(")\" as ").append(id(state)).append('\n');
      if (state.isStart()) {
        out.append("  [*] --> ").append(id(state)).append('\n');
      }
      if (state.isFinal()) {
        out.append("  ").append(id(state)).append(" --> [*]\n");
      }
    }
    for (State state : rule.automaton().states()) {
      for (Transition t : state.transitions()) {
        out.append("  ").append(id(state)).append(" --> ").append(id(t.target())).append(" : ")
            .append(t.action()).append(' ')
            .append(t.guard().description().replace(":", " ").replace("\n", " ")).append('\n');
      }
    }
    return out.toString();
  }

  private static String id(State state) {
    return "s_" + state.name().replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
