package org.geohazard.api.problem;

/**
 * An error for an API client, with its HTTP status and a stable problem type ({@code urn:geohazard:problem:<code>}).
 * The detail is written for the client: never internal messages.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String title;
  private final long retryAfterSeconds;

  public ApiException(int status, String code, String title, String detail) {
    this(status, code, title, detail, 0);
  }

  private ApiException(int status, String code, String title, String detail, long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429: the client must wait this many seconds (sent as Retry-After). */
  public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(429, "too-many-attempts", "Too many sign-in attempts", detail, retryAfterSeconds);
  }

  /** 429 with Retry-After: the caller did this too often and may again after the seconds given. */
  public static ApiException tooOften(String code, String title, String detail, long retryAfterSeconds) {
    return new ApiException(429, code, title, detail, retryAfterSeconds);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(401, "unauthorized", "Sign-in required", detail);
  }

  /** A request the contract lets through but that cannot be used, with a stable code for what is wrong. */
  public static ApiException invalid(String code, String title, String detail) {
    return new ApiException(400, code, title, detail);
  }

  public static ApiException payloadTooLarge(String detail) {
    return new ApiException(413, "payload-too-large", "Request body too large", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Not allowed", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict with the current state", detail);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** Seconds the client should wait before trying again; 0 when the answer does not depend on waiting. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
