package org.geohazard.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.geohazard.api.auth.SignInLimits;
import org.geohazard.api.auth.TrustedProxies;

/**
 * The mobile API's settings.
 *
 * @param jwtSecret the HMAC key that signs access tokens (at least 32 bytes)
 * @param accessTtl lifetime of an access token
 * @param refreshTtl lifetime of a refresh token
 * @param signIn how failed sign-ins are slowed down
 * @param trustedProxies the proxies whose forwarded headers name the client
 * @param bodyLimitBytes the largest JSON request body accepted
 * @param photoLimitBytes the largest photo upload accepted (raw image bytes)
 * @param maxStreams live event streams one node serves at most
 * @param idleTimeout an HTTP connection that sends and receives nothing this long is closed
 * @param maxConnections HTTP connections one node holds at most (live streams included); more are closed at once
 * @param reportFont the TrueType font (.ttf, .ttc) with Chinese glyphs the year-end report is written in; null: the
 *     first of the usual Debian CJK fonts installed
 */
public record ApiConfig(String jwtSecret, Duration accessTtl, Duration refreshTtl, SignInLimits signIn,
    TrustedProxies trustedProxies, int bodyLimitBytes, int photoLimitBytes, int maxStreams, Duration idleTimeout,
    int maxConnections, Path reportFont) {

  public ApiConfig {
    if (jwtSecret == null || jwtSecret.length() < 32) {
      throw new IllegalArgumentException("api.jwt-secret must be at least 32 characters");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("api.idle-timeout-s must be positive");
    }
    if (maxConnections <= maxStreams) {
      throw new IllegalArgumentException("api.max-connections (" + maxConnections
          + ") must be larger than api.max-streams (" + maxStreams + "), so that streams leave room for requests");
    }
    if (reportFont != null && !Files.isRegularFile(reportFont)) {
      throw new IllegalArgumentException("api.report-font names " + reportFont + ", which is not a file");
    }
  }
}
