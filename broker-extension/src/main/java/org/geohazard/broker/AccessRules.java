package org.geohazard.broker;

/**
 * What a client may publish, subscribe to and receive, decided the way Mosquitto's dynamic-security plugin decides
 * it: the first ACL of the client's roles (highest priority first) whose topic applies decides; when none applies,
 * the file's defaultACLAccess does (absent: denied).
 *
 * <p>A shared subscription is checked with its whole filter, {@code $share/<group>/<filter>}, as the plugin checks
 * it: only a pattern that starts with {@code $share/} can allow one.
 */
final class AccessRules {
  private final Credentials credentials;

  AccessRules(Credentials credentials) {
    this.credentials = credentials;
  }

  boolean mayPublish(Client client, String topic) {
    return byTopic(client, AclType.PUBLISH_CLIENT_SEND, topic);
  }

  boolean mayReceive(Client client, String topic) {
    return byTopic(client, AclType.PUBLISH_CLIENT_RECEIVE, topic);
  }

  boolean maySubscribe(Client client, String filter) {
    for (Acl acl : client.acls()) {
      if (acl.type() == AclType.SUBSCRIBE_LITERAL && acl.topic().equals(filter)) {
        return acl.allow();
      }
    }
    for (Acl acl : client.acls()) {
      if (acl.type() == AclType.SUBSCRIBE_PATTERN && Topics.covers(acl.topic(), filter)) {
        return acl.allow();
      }
    }
    return credentials.allowedByDefault(AclType.SUBSCRIBE_LITERAL);
  }

  private boolean byTopic(Client client, AclType type, String topic) {
    for (Acl acl : client.acls()) {
      if (acl.type() == type && Topics.matches(acl.topic(), topic)) {
        return acl.allow();
      }
    }
    return credentials.allowedByDefault(type);
  }
}
