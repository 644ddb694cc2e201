package dev.relaytck.standin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of thinking blocks: an HMAC-SHA256 over the thinking text with the server's secret,
 * so only the server that produced a block can sign it, and a block sent back in a later turn is
 * accepted only byte-exact, as the official API does.
 */
final class ThinkingSignatures {
  private final SecretKeySpec key;

  ThinkingSignatures(byte[] secret) {
    key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  String sign(String thinking) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] tag = mac.doFinal(thinking.getBytes(StandardCharsets.UTF_8));
      // A version byte in front, like the opaque official signatures carry structure.
      byte[] out = new byte[tag.length + 1];
      out[0] = 0x12;
      System.arraycopy(tag, 0, out, 1, tag.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean verify(String thinking, String signature) {
    return MessageDigest.isEqual(sign(thinking).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
