package org.geohazard.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.geohazard.api.ApiConfig;
import org.geohazard.api.auth.SignInLimits;
import org.geohazard.api.auth.TrustedProxies;

/** The api section; without a configured key, one is generated once and kept in the key file. */
public record ApiSettings(String jwtSecret, Path keyFile, Duration accessTtl, Duration refreshTtl,
    SignInLimits signIn, TrustedProxies trustedProxies, int bodyLimitBytes, int photoLimitBytes, int maxStreams,
    Duration idleTimeout, int maxConnections, Path reportFont) {

  static ApiSettings from(Section s) {
    String secret = s.text("jwt-secret");
    if (!secret.isEmpty() && secret.length() < 32) {
      throw new ConfigException(s.path("jwt-secret") + " must be at least 32 characters");
    }
    try {
      int maxStreams = s.integer("max-streams", 1, 100_000);
      int maxConnections = s.integer("max-connections", 2, 1_000_000);
      if (maxConnections <= maxStreams) {
        throw new ConfigException(s.path("max-connections") + " (" + maxConnections + ") must be larger than "
            + s.path("max-streams") + " (" + maxStreams + "), so that live streams leave room for requests");
      }
      Duration idleTimeout = Duration.ofSeconds(s.number("idle-timeout-s", 16, 86_400));
      String font = s.text("report-font");
      if (!font.isEmpty() && !Files.isRegularFile(Path.of(font))) {
        throw new ConfigException(s.path("report-font") + " names " + font + ", which is not a file");
      }
      return new ApiSettings(secret, Path.of(s.text("key-file")),
          Duration.ofSeconds(s.number("access-ttl-s", 60, 86_400)),
          Duration.ofSeconds(s.number("refresh-ttl-s", 3_600, 365L * 86_400)),
          new SignInLimits(s.integer("free-failures", 1, 100),
              Duration.ofSeconds(s.number("failure-delay-s", 1, 3_600)),
              Duration.ofSeconds(s.number("failure-max-delay-s", 1, 86_400)),
              s.integer("failures-per-address", 2, 100_000),
              Duration.ofSeconds(s.number("failure-window-s", 60, 86_400))),
          TrustedProxies.parse(s.text("trusted-proxies")),
          s.integer("body-limit-bytes", 1024, 64 * 1024 * 1024),
          s.integer("photo-limit-bytes", 1024, 64 * 1024 * 1024), maxStreams, idleTimeout, maxConnections,
          font.isEmpty() ? null : Path.of(font));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** The API configuration, generating and keeping the signing key when none is configured. Blocking. */
  public ApiConfig toApiConfig() throws IOException {
    return new ApiConfig(jwtSecret.isEmpty() ? keptKey() : jwtSecret, accessTtl, refreshTtl, signIn, trustedProxies,
        bodyLimitBytes, photoLimitBytes, maxStreams, idleTimeout, maxConnections, reportFont);
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
