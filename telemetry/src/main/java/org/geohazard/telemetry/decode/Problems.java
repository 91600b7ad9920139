package org.geohazard.telemetry.decode;

import java.util.ArrayList;
import java.util.List;

/** What was wrong with one message; the first problem's code is the dead letter's reason. */
final class Problems {
  private static final int LISTED = 20;

  private final List<String> details = new ArrayList<>();
  private String reason;
  private int count;

  void add(String code, String detail) {
    if (reason == null) {
      reason = code;
    }
    count++;
    if (details.size() < LISTED) {
      details.add(code + ": " + detail);
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  String reason() {
    return reason;
  }

  String detail() {
    String text = String.join("; ", details);
    return count > details.size() ? text + "; and " + (count - details.size()) + " more" : text;
  }
}
