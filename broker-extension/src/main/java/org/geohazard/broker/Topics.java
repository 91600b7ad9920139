package org.geohazard.broker;

/**
 * MQTT topic matching with the meaning Mosquitto's dynamic-security plugin gives its ACLs: a publish topic against
 * a filter (publishClientSend, publishClientReceive), and a subscription's filter against a pattern
 * (subscribePattern), where the subscription is allowed only if everything it could ever match is covered.
 */
final class Topics {
  private Topics() {
  }

  /** Whether {@code topic} (no wildcards) matches {@code filter}. */
  static boolean matches(String filter, String topic) {
    if (topic.contains("+") || topic.contains("#")) {
      return false;
    }
    // A filter starting with a wildcard never matches a topic starting with '$' (MQTT 5, 4.7.2).
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return i == f.length - 1;
      }
      if (i >= t.length) {
        return false;
      }
      if (!f[i].equals("+") && !f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }

  /**
   * Whether every topic the subscription filter {@code subscription} can match is matched by {@code pattern}: a
   * '+' in the subscription needs '+' or '#' in the pattern, a '#' needs '#'.
   */
  static boolean covers(String pattern, String subscription) {
    String[] p = pattern.split("/", -1);
    String[] s = subscription.split("/", -1);
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals("#")) {
        return i == p.length - 1;
      }
      if (i >= s.length) {
        return false;
      }
      if (s[i].equals("#")) {
        return false;
      }
      if (p[i].equals("+")) {
        continue;
      }
      if (s[i].equals("+") || !p[i].equals(s[i])) {
        return false;
      }
    }
    return p.length == s.length;
  }
}
