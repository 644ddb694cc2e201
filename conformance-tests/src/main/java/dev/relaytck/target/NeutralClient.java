package dev.relaytck.target;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What live traffic looks like from the outside: an ordinary API client. A relay that could tell
 * the kit's requests from its users' could serve the real model (or honest usage) only to the
 * kit, so live requests carry no marker, no kit header and no kit name (docs/live.md). Hermetic
 * runs are unaffected: the replay upstream needs the scenario marker.
 */
public final class NeutralClient {
  /**
   * The user-agent of live requests that have none of their own (a scenario keeps the one its
   * recording's client sent): a common HTTP library's, which says nothing about who sends.
   */
  public static final String USER_AGENT = "python-httpx/0.28.1";
  /** The kit's name as it may appear in recorded text (paths of the captured session, a recorder's user-agent). */
  private static final Pattern KIT_NAME = Pattern.compile("relay[-_ ]?tck", Pattern.CASE_INSENSITIVE);
  /** What the kit's name is replaced with in live request text: a word with no meaning of its own. */
  private static final String REPLACEMENT = "app";

  private NeutralClient() {}

  /** Whether {@code value} names the kit. */
  public static boolean namesKit(String value) {
    return value != null && KIT_NAME.matcher(value).find();
  }

  /** {@code text} with every mention of the kit's name replaced by a neutral word (JSON-safe: letters only). */
  public static String unnamed(String text) {
    return text == null ? null : KIT_NAME.matcher(text).replaceAll(REPLACEMENT);
  }

  /** A header value to send live: the recorded one, or for a user-agent that names the kit, {@link #USER_AGENT}. */
  public static String headerValue(String name, String value) {
    if (!namesKit(value)) return value;
    return "user-agent".equals(name.toLowerCase(Locale.ROOT)) ? USER_AGENT : unnamed(value);
  }
}
