package org.geohazard.broker;

/** One ACL of a role: allow or deny one kind of access to the topics its filter names. */
record Acl(AclType type, String topic, boolean allow, long priority) {
}
