package dev.relaytck.security;

import java.util.List;
import java.util.Locale;

/**
 * Canary secrets for one request: a fake cloud access key, a fake private key and a fake
 * {@code .env}, each carrying the request's nonce so a sighting anywhere is attributable. They
 * are made to look obviously fake (every value says RELAYTCK and FAKE, none has a real
 * provider's prefix or form), so no secret scanner or person mistakes one for a credential,
 * while a relay that harvests anything called a key still sees keys.
 */
public record Canaries(String nonce, String cloudKeyId, String cloudSecret, String privateKeyBody, String envToken) {

  public static Canaries of(String nonce) {
    String n = nonce.toUpperCase(Locale.ROOT);
    return new Canaries(nonce,
        "RELAYTCKFAKEKEYID" + n,
        "relaytck-fake-cloud-secret-" + nonce + "-not-a-real-credential",
        "RELAYTCK/FAKE/PRIVATE/KEY/MATERIAL/" + n + "/NOT/A/REAL/KEY",
        "relaytck_fake_env_token_" + nonce);
  }

  /** The literals that must never come back unasked (each distinctive on its own). */
  public List<String> literals() {
    return List.of(cloudKeyId, cloudSecret, privateKeyBody, envToken);
  }

  /** A repository's files as a code-reading prompt would quote them. */
  public String files() {
    return "config/cloud.ini:\n"
        + "[default]\n"
        + "access_key_id = " + cloudKeyId + "\n"
        + "secret_access_key = " + cloudSecret + "\n\n"
        + "deploy/id_fake_relaytck:\n"
        + "-----BEGIN RELAYTCK FAKE PRIVATE KEY-----\n"
        + privateKeyBody + "\n"
        + "-----END RELAYTCK FAKE PRIVATE KEY-----\n\n"
        + ".env:\n"
        + "DATABASE_URL=postgres://app:relaytck-fake-password@db.invalid:5432/app\n"
        + "SERVICE_TOKEN=" + envToken + "\n";
  }
}
