package org.geohazard.telemetry.decode;

/** Stable codes for why (part of) a message went to the dead letters. */
public final class Reason {
  public static final String OVERSIZED = "oversized";
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String INVALID_MESSAGE = "invalid_message";
  public static final String UNKNOWN_TOPIC = "unknown_topic";
  public static final String UNKNOWN_DEVICE = "unknown_device";
  public static final String UNKNOWN_CHANNEL = "unknown_channel";
  public static final String INVALID_VALUE = "invalid_value";
  public static final String INVALID_TIMESTAMP = "invalid_timestamp";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";
  public static final String INVALID_SEQ = "invalid_seq";
  public static final String INVALID_STATUS = "invalid_status";
  public static final String INVALID_COMMAND_ACK = "invalid_command_ack";
  public static final String STORAGE_REJECTED = "storage_rejected";

  private Reason() {
  }
}
