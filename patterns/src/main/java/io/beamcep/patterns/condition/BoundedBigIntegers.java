package io.beamcep.patterns.condition;

import com.googlecode.aviator.exception.ExpressionRuntimeException;
import com.googlecode.aviator.runtime.function.AbstractFunction;
import com.googlecode.aviator.runtime.type.AviatorFunction;
import com.googlecode.aviator.runtime.type.AviatorObject;
import java.math.BigInteger;
import java.util.Map;

/**
 * Aviator's three ways to grow a big integer without bound, each with a cap on the result's size:
 * {@code **}, {@code math.pow} and {@code <<}. A rule's expression runs for every event; on a
 * {@code bigint} (or a JSON integer too large for a long) {@code bigint(price) ** 1000000000}
 * computes a number of billions of bits, which held the matcher's thread for minutes or ran the
 * worker out of memory, and {@code bigint(1) << 2000000000} allocated 250 MB per event. Past
 * {@link #MAX_BITS} the operation fails like any other run-time error (counted, the condition is
 * false). Otherwise each is Aviator 5.4.3's own: the check runs first, then Aviator's code.
 * Longs, doubles and decimals are left alone: Aviator computes their powers as doubles or to its
 * decimal precision, and shifts a long within 64 bits.
 */
final class BoundedBigIntegers {
  /**
   * The most bits a power or a shift may produce: about 30,000 decimal digits, computed in well
   * under a millisecond, far beyond any amount a rule compares.
   */
  static final long MAX_BITS = 100_000;

  private BoundedBigIntegers() {}

  /** The operator {@code **}. */
  static AviatorFunction power() {
    return binary("**", (env, base, exponent) -> {
      requirePowerFits(base.getValue(env), exponent.getValue(env), "**");
      return base.exponent(exponent, env);
    });
  }

  /** The function {@code math.pow}, checking before {@code aviators} (Aviator's own) runs. */
  static AviatorFunction mathPow(AviatorFunction aviators) {
    String name = aviators.getName();
    return binary(name, (env, base, exponent) -> {
      requirePowerFits(base.getValue(env), exponent.getValue(env), name);
      return aviators.call(env, base, exponent);
    });
  }

  /** The operator {@code <<}. */
  static AviatorFunction shiftLeft() {
    return binary("<<", (env, value, bits) -> {
      if (value.getValue(env) instanceof BigInteger big && bits.getValue(env) instanceof Number n
          && (long) big.bitLength() + n.intValue() > MAX_BITS) {
        // Aviator shifts a big integer by the count's int value, as checked here
        throw tooBig("<<", (long) big.bitLength() + n.intValue());
      }
      return value.shiftLeft(bits, env);
    });
  }

  /** What one of the bounded functions does with its two arguments. */
  @FunctionalInterface
  private interface Binary {
    AviatorObject call(Map<String, Object> env, AviatorObject left, AviatorObject right);
  }

  /** The two-argument Aviator function {@code name} that does {@code body}. */
  private static AviatorFunction binary(String name, Binary body) {
    return new AbstractFunction() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public AviatorObject call(Map<String, Object> env, AviatorObject left, AviatorObject right) {
        return body.call(env, left, right);
      }
    };
  }

  /**
   * Aviator raises a big integer to the exponent's int value; the other bases stay small. A base
   * of b bits raised to e has at least (b - 1) * e + 1 bits, exactly that for a power of two.
   */
  private static void requirePowerFits(Object base, Object exponent, String operation) {
    if (base instanceof BigInteger big && exponent instanceof Number n
        && big.abs().compareTo(BigInteger.ONE) > 0) {
      long bits = (long) (big.bitLength() - 1) * n.intValue() + 1;
      if (bits > MAX_BITS) {
        throw tooBig(operation, bits);
      }
    }
  }

  /** The error for a result of at least {@code bits} bits. */
  private static ExpressionRuntimeException tooBig(String operation, long bits) {
    return new ExpressionRuntimeException(operation + " would make an integer of " + bits
        + " bits or more; at most " + MAX_BITS + " are computed");
  }
}
