package dev.relaytck.report;

/**
 * Renders {@code badge.svg}, a flat shields-style badge a provider can publish:
 * {@code relay-tck | certified: core, claude-code} (green) or {@code relay-tck | failing} (red).
 */
public final class Badge {
  public static final String FILE_NAME = "badge.svg";

  public String render(Report report) {
    Verdict v = Verdict.of(report);
    String value;
    String color;
    switch (v.kind()) {
      case CERTIFIED -> {
        value = "certified: " + String.join(", ", v.certified());
        color = "#2ea44f";
      }
      case FAILED -> {
        value = "failing";
        color = "#d73a49";
      }
      case KIT_ERROR -> {
        value = "error";
        color = "#6f42c1";
      }
      default -> {
        value = "not certified";
        color = "#dbab09";
      }
    }
    return render("relay-tck", EvidenceText.oneLine(value, 80), color);
  }

  static String render(String label, String value, String color) {
    int lw = width(label);
    int vw = width(value);
    int w = lw + vw;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\" aria-label=\""
        + Html.esc(label + ": " + value) + "\"><title>" + Html.esc(label + ": " + value) + "</title>"
        + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/>"
        + "<rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" fill=\"" + color + "\"/>"
        + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"" + (lw / 2) + "\" y=\"14\" text-anchor=\"middle\">" + Html.esc(label) + "</text>"
        + "<text x=\"" + (lw + vw / 2) + "\" y=\"14\" text-anchor=\"middle\">" + Html.esc(value) + "</text>"
        + "</g></svg>\n";
  }

  /** Verdana 11px averages about 7 px a character; 10 px of padding each side. */
  private static int width(String text) {
    return text.length() * 7 + 20;
  }
}
