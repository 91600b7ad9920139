package org.geohazard.api;

import java.time.Duration;

/**
 * The mobile API's settings.
 *
 * @param jwtSecret the HMAC key that signs access tokens (at least 32 bytes)
 * @param accessTtl lifetime of an access token
 * @param refreshTtl lifetime of a refresh token
 * @param failuresPerAccount failed sign-ins allowed per phone number within {@code failureWindow}
 * @param failuresPerAddress failed sign-ins allowed per client address within {@code failureWindow}
 * @param bodyLimitBytes the largest JSON request body accepted
 * @param photoLimitBytes the largest photo upload accepted (raw image bytes)
 * @param maxStreams live event streams one node serves at most
 */
public record ApiConfig(String jwtSecret, Duration accessTtl, Duration refreshTtl, int failuresPerAccount,
    int failuresPerAddress, Duration failureWindow, int bodyLimitBytes, int photoLimitBytes, int maxStreams) {

  public ApiConfig {
    if (jwtSecret == null || jwtSecret.length() < 32) {
      throw new IllegalArgumentException("api.jwt-secret must be at least 32 characters");
    }
  }
}
