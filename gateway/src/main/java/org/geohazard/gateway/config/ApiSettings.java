package org.geohazard.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.geohazard.api.ApiConfig;

/** The api section; without a configured key, one is generated once and kept in the key file. */
public record ApiSettings(String jwtSecret, Path keyFile, Duration accessTtl, Duration refreshTtl,
    int failuresPerAccount, int failuresPerAddress, Duration failureWindow, int bodyLimitBytes, int photoLimitBytes,
    int maxStreams) {

  static ApiSettings from(Section s) {
    String secret = s.text("jwt-secret");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException(s.path("jwt-secret") + " must be at least 32 characters");
    }
    return new ApiSettings(secret, Path.of(s.text("key-file")),
        Duration.ofSeconds(s.number("access-ttl-s", 60, 86_400)),
        Duration.ofSeconds(s.number("refresh-ttl-s", 3_600, 365L * 86_400)),
        s.integer("failures-per-account", 1, 1000), s.integer("failures-per-address", 1, 100_000),
        Duration.ofSeconds(s.number("failure-window-s", 60, 86_400)),
        s.integer("body-limit-bytes", 1024, 64 * 1024 * 1024),
        s.integer("photo-limit-bytes", 1024, 64 * 1024 * 1024), s.integer("max-streams", 1, 100_000));
  }

  /** The API configuration, generating and keeping the signing key when none is configured. Blocking. */
  public ApiConfig toApiConfig() throws IOException {
    return new ApiConfig(jwtSecret.isEmpty() ? keptKey() : jwtSecret, accessTtl, refreshTtl, failuresPerAccount,
        failuresPerAddress, failureWindow, bodyLimitBytes, photoLimitBytes, maxStreams);
  }

  private String keptKey() throws IOException {
    if (Files.exists(keyFile)) {
      return Files.readString(keyFile).strip();
    }
    byte[] key = new byte[48];
    new SecureRandom().nextBytes(key);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    if (keyFile.getParent() != null) {
      Files.createDirectories(keyFile.getParent());
    }
    Files.writeString(keyFile, text);
    try {
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // the file system has no POSIX permissions
    }
    return text;
  }
}
