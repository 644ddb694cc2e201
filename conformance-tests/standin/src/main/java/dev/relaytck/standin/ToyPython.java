package dev.relaytck.standin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the small integer programs that code-reasoning prompts ask about, the way a model that
 * reasons about code would: assignments, augmented assignments, {@code for NAME in range(...)}
 * loops (nested by indentation) and {@code print(...)}, over integer arithmetic ({@code + - * //
 * % **}, parentheses). Anything else is not understood ({@link Optional#empty()}), so the model
 * answers in its own words instead. {@code rangeIncludesEnd} is the slip a weaker model makes:
 * it reads {@code range(n)} as running to {@code n} inclusive.
 */
final class ToyPython {
  /** Steps and values are bounded: a prompt cannot make the stand-in spin or overflow. */
  private static final int MAX_STEPS = 200_000;
  private static final long MAX_VALUE = 1L << 50;

  private final boolean rangeIncludesEnd;
  private final Map<String, Long> vars = new HashMap<>();
  private final StringBuilder out = new StringBuilder();
  private int steps;

  private ToyPython(boolean rangeIncludesEnd) {
    this.rangeIncludesEnd = rangeIncludesEnd;
  }

  /** What {@code source} prints, or empty when it is not a program this reader follows. */
  static Optional<String> output(String source, boolean rangeIncludesEnd) {
    List<Line> lines = new ArrayList<>();
    for (String raw : source.split("\n")) {
      String code = raw.replace("\t", "    ").stripTrailing();
      if (code.isBlank()) continue;
      int indent = code.length() - code.stripLeading().length();
      lines.add(new Line(indent, code.strip()));
    }
    if (lines.isEmpty() || lines.get(0).indent() != 0) return Optional.empty();
    ToyPython p = new ToyPython(rangeIncludesEnd);
    try {
      p.block(lines, 0, lines.size(), 0);
    } catch (RuntimeException notUnderstood) {
      return Optional.empty();
    }
    return p.out.length() == 0 ? Optional.empty() : Optional.of(p.out.toString().strip());
  }

  private record Line(int indent, String code) {}

  private void block(List<Line> lines, int from, int to, int indent) {
    int i = from;
    while (i < to) {
      Line line = lines.get(i);
      if (line.indent() != indent) throw new IllegalArgumentException("indentation");
      int end = i + 1;
      while (end < to && lines.get(end).indent() > indent) end++;
      statement(line.code(), lines, i + 1, end);
      i = end;
    }
  }

  private void statement(String code, List<Line> lines, int bodyFrom, int bodyTo) {
    if (++steps > MAX_STEPS) throw new IllegalStateException("too long");
    java.util.regex.Matcher m;
    if ((m = FOR.matcher(code)).matches()) {
      List<Long> args = new ArrayList<>();
      for (String a : m.group(2).split(",")) args.add(new Expr(a, vars).value());
      long start = args.size() > 1 ? args.get(0) : 0;
      long stop = args.size() > 1 ? args.get(1) : args.get(0);
      long step = args.size() > 2 ? args.get(2) : 1;
      if (step == 0 || args.size() > 3 || bodyFrom >= bodyTo) throw new IllegalArgumentException("range");
      if (rangeIncludesEnd) stop += step > 0 ? 1 : -1;
      int inner = lines.get(bodyFrom).indent();
      for (long v = start; step > 0 ? v < stop : v > stop; v += step) {
        vars.put(m.group(1), v);
        block(lines, bodyFrom, bodyTo, inner);
      }
      return;
    }
    if (bodyFrom < bodyTo) throw new IllegalArgumentException("unexpected block");
    if ((m = PRINT.matcher(code)).matches()) {
      List<String> parts = new ArrayList<>();
      for (String a : m.group(1).split(",")) parts.add(Long.toString(new Expr(a, vars).value()));
      out.append(String.join(" ", parts)).append('\n');
    } else if ((m = ASSIGN.matcher(code)).matches()) {
      long value = new Expr(m.group(3), vars).value();
      String op = m.group(2);
      if (!op.isEmpty()) {
        Long old = vars.get(m.group(1));
        if (old == null) throw new IllegalArgumentException("undefined " + m.group(1));
        value = Expr.apply(op, old, value);
      }
      vars.put(m.group(1), check(value));
    } else {
      throw new IllegalArgumentException("not understood: " + code);
    }
  }

  private static final java.util.regex.Pattern FOR =
      java.util.regex.Pattern.compile("for\\s+([A-Za-z_]\\w*)\\s+in\\s+range\\(([^()]*)\\)\\s*:");
  private static final java.util.regex.Pattern PRINT = java.util.regex.Pattern.compile("print\\((.+)\\)");
  private static final java.util.regex.Pattern ASSIGN =
      java.util.regex.Pattern.compile("([A-Za-z_]\\w*)\\s*(\\+|-|\\*|//|%|)=\\s*(.+)");

  static long check(long v) {
    if (Math.abs(v) > MAX_VALUE) throw new ArithmeticException("too large");
    return v;
  }

  /** An integer expression by precedence climbing. */
  private static final class Expr {
    private final String s;
    private final Map<String, Long> vars;
    private int at;

    Expr(String s, Map<String, Long> vars) {
      this.s = s.strip();
      this.vars = vars;
    }

    long value() {
      long v = sum();
      skip();
      if (at != s.length()) throw new IllegalArgumentException("trailing " + s.substring(at));
      return v;
    }

    private long sum() {
      long v = product();
      while (true) {
        skip();
        if (eat("+")) v = check(Math.addExact(v, product()));
        else if (eat("-")) v = check(Math.subtractExact(v, product()));
        else return v;
      }
    }

    private long product() {
      long v = power();
      while (true) {
        skip();
        if (eat("//")) v = apply("//", v, power());
        else if (eat("*")) v = check(Math.multiplyExact(v, power()));
        else if (eat("%")) v = apply("%", v, power());
        else return v;
      }
    }

    private long power() {
      long base = unary();
      skip();
      if (eat("**")) {
        long exp = power();
        if (exp < 0 || exp > 62) throw new ArithmeticException("exponent");
        long v = 1;
        for (int i = 0; i < exp; i++) v = check(Math.multiplyExact(v, base));
        return v;
      }
      return base;
    }

    private long unary() {
      skip();
      if (eat("-")) return -unary();
      if (eat("+")) return unary();
      if (eat("(")) {
        long v = sum();
        skip();
        if (!eat(")")) throw new IllegalArgumentException("missing )");
        return v;
      }
      int start = at;
      while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) at++;
      String token = s.substring(start, at);
      if (token.isEmpty()) throw new IllegalArgumentException("expression");
      if (Character.isDigit(token.charAt(0))) return check(Long.parseLong(token));
      Long v = vars.get(token);
      if (v == null) throw new IllegalArgumentException("undefined " + token);
      return v;
    }

    private void skip() {
      while (at < s.length() && s.charAt(at) == ' ') at++;
    }

    private boolean eat(String op) {
      if (s.startsWith(op, at) && !(op.equals("*") && s.startsWith("**", at))) {
        at += op.length();
        return true;
      }
      return false;
    }

    /** Python's integer semantics: floor division and a modulo with the divisor's sign. */
    static long apply(String op, long a, long b) {
      return switch (op) {
        case "+" -> check(Math.addExact(a, b));
        case "-" -> check(Math.subtractExact(a, b));
        case "*" -> check(Math.multiplyExact(a, b));
        case "//" -> Math.floorDiv(a, nonZero(b));
        case "%" -> Math.floorMod(a, nonZero(b));
        default -> throw new IllegalArgumentException(op);
      };
    }

    private static long nonZero(long b) {
      if (b == 0) throw new ArithmeticException("division by zero");
      return b;
    }
  }
}
