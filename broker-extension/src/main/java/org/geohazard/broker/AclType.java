package org.geohazard.broker;

/** The kinds of ACL of the dynamic-security format, by the names the file uses. */
enum AclType {
  PUBLISH_CLIENT_SEND("publishClientSend", "publishClientSend"),
  PUBLISH_CLIENT_RECEIVE("publishClientReceive", "publishClientReceive"),
  SUBSCRIBE_LITERAL("subscribeLiteral", "subscribe"),
  SUBSCRIBE_PATTERN("subscribePattern", "subscribe"),
  UNSUBSCRIBE_LITERAL("unsubscribeLiteral", "unsubscribe"),
  UNSUBSCRIBE_PATTERN("unsubscribePattern", "unsubscribe");

  private final String fileName;
  private final String defaultName;

  AclType(String fileName, String defaultName) {
    this.fileName = fileName;
    this.defaultName = defaultName;
  }

  static AclType named(String name) {
    for (AclType type : values()) {
      if (type.fileName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown acltype '" + name + "'");
  }

  /** The type a key of defaultACLAccess stands for (subscribe and unsubscribe cover both of their kinds). */
  static AclType forDefault(String name) {
    for (AclType type : values()) {
      if (type.defaultName.equals(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown defaultACLAccess key '" + name + "'");
  }
}
