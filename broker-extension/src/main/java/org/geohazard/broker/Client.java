package org.geohazard.broker;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client of the credentials file: its user name, the client id bound to it (null: any), its salted password hash
 * and the ACLs of its roles, highest priority first.
 */
record Client(String username, String clientId, byte[] passwordHash, byte[] salt, int iterations, boolean disabled,
    List<Acl> acls) {

  private static final byte[] DUMMY_SALT = new byte[12];

  /** Whether this client may connect with this password and client id. */
  boolean admits(byte[] password, String connectingClientId) {
    if (passwordHash == null || disabled) {
      return false;
    }
    boolean passwordOk = MessageDigest.isEqual(passwordHash, pbkdf2(password, salt, iterations,
        passwordHash.length));
    return passwordOk && (clientId == null || clientId.equals(connectingClientId));
  }

  /** The same work as a real check, for an unknown user name, so that timing does not tell which names exist. */
  static void spendAsMuchAsACheck(byte[] password) {
    pbkdf2(password, DUMMY_SALT, 101, 64);
  }

  /**
   * PBKDF2-HMAC-SHA512 over the password's bytes and the decoded salt, as Mosquitto's dynamic-security plugin
   * computes it.
   */
  static byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      // SecretKeySpec refuses an empty key; HMAC pads any key to a block of zeros, so one zero byte is the same.
      mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
      int blockLength = mac.getMacLength();
      byte[] out = new byte[length];
      for (int block = 1, offset = 0; offset < length; block++, offset += blockLength) {
        mac.update(salt);
        mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
        byte[] u = mac.doFinal();
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
          u = mac.doFinal(u);
          for (int j = 0; j < t.length; j++) {
            t[j] ^= u[j];
          }
        }
        System.arraycopy(t, 0, out, offset, Math.min(blockLength, length - offset));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is not available", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Client c && c.username.equals(username);
  }

  @Override
  public int hashCode() {
    return username.hashCode();
  }

  @Override
  public String toString() {
    return "Client[" + username + (clientId == null ? "" : ", client id " + clientId) + ", "
        + acls.size() + " ACLs" + (disabled ? ", disabled" : "") + "]";
  }
}
