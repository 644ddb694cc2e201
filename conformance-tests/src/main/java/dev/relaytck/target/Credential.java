package dev.relaytck.target;

/**
 * Which credential one request carries: the target's own ({@link #TARGET}), none, or a
 * specific one (the AUTH probes send a wrong key on purpose).
 */
public record Credential(AuthStyle style, Secret secret) {
  /** Use the style and secret of the {@link TargetConfig}. */
  public static final Credential TARGET = new Credential(null, null);
  public static final Credential NONE = new Credential(AuthStyle.NONE, null);

  public static Credential of(AuthStyle style, Secret secret) {
    return new Credential(style, secret);
  }

  public Credential resolve(TargetConfig config) {
    return this == TARGET || style == null ? new Credential(config.authStyle(), config.secret()) : this;
  }
}
