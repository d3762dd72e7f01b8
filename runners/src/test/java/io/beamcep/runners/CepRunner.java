package io.beamcep.runners;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one {@code cep} command line in-process and keeps what it printed. */
public record CepRunner(int exitCode, String out, String err) {

  public static CepRunner cep(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cep.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CepRunner(code, out.toString(), err.toString());
  }
}
