package org.geohazard.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The clients and roles of a Mosquitto dynamic-security file (deploy/mosquitto/make-dynsec.sh writes it), read once
 * at broker start. Only what that format means for access is kept; a file using what this extension does not
 * enforce (groups) is refused with a message rather than half applied.
 */
final class Credentials {
  private final Map<String, Client> clients;
  private final Map<AclType, Boolean> defaults;

  private Credentials(Map<String, Client> clients, Map<AclType, Boolean> defaults) {
    this.clients = clients;
    this.defaults = defaults;
  }

  /** The client with this user name, or null. */
  Client client(String username) {
    return clients.get(username);
  }

  int size() {
    return clients.size();
  }

  /** defaultACLAccess of the file for this kind of access (absent: denied, as the plugin does). */
  boolean allowedByDefault(AclType type) {
    return defaults.getOrDefault(type, false);
  }

  static Credentials read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the credentials file " + file + ": " + e, e);
    }
    try {
      return parse(Json.parse(text));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("the credentials file " + file + " is not a usable dynamic-security file: "
          + e.getMessage(), e);
    }
  }

  static Credentials parse(Object document) {
    Map<String, Object> root = object(document, "the document");
    if (!list(root.get("groups")).isEmpty()) {
      throw new IllegalArgumentException("groups are not supported; give each client its roles");
    }
    Map<AclType, Boolean> defaults = new EnumMap<>(AclType.class);
    Object access = root.get("defaultACLAccess");
    if (access != null) {
      for (Map.Entry<String, Object> entry : object(access, "defaultACLAccess").entrySet()) {
        AclType type = AclType.forDefault(entry.getKey());
        defaults.put(type, bool(entry.getValue(), "defaultACLAccess." + entry.getKey()));
      }
    }

    Map<String, List<Acl>> roles = new HashMap<>();
    for (Object item : list(root.get("roles"))) {
      Map<String, Object> role = object(item, "a role");
      String name = text(role.get("rolename"), "rolename");
      List<Acl> acls = new ArrayList<>();
      for (Object a : list(role.get("acls"))) {
        Map<String, Object> acl = object(a, "an ACL of role " + name);
        acls.add(new Acl(AclType.named(text(acl.get("acltype"), "acltype of role " + name)),
            text(acl.get("topic"), "topic of role " + name), acl.get("allow") == null
                || bool(acl.get("allow"), "allow of role " + name), priority(acl.get("priority"))));
      }
      acls.sort((x, y) -> Long.compare(y.priority(), x.priority()));
      if (roles.put(name, List.copyOf(acls)) != null) {
        throw new IllegalArgumentException("the role '" + name + "' appears twice");
      }
    }

    Map<String, Client> clients = new HashMap<>();
    for (Object item : list(root.get("clients"))) {
      Map<String, Object> client = object(item, "a client");
      String user = text(client.get("username"), "username");
      String where = "client '" + user + "'";
      Object clientId = client.get("clientid");
      List<RoleRef> refs = new ArrayList<>();
      for (Object r : list(client.get("roles"))) {
        Map<String, Object> ref = object(r, "a role of " + where);
        String name = text(ref.get("rolename"), "rolename of " + where);
        List<Acl> acls = roles.get(name);
        if (acls == null) {
          throw new IllegalArgumentException(where + " names the role '" + name + "', which is not defined");
        }
        refs.add(new RoleRef(acls, priority(ref.get("priority"))));
      }
      if (!list(client.get("groups")).isEmpty()) {
        throw new IllegalArgumentException(where + ": groups are not supported; give the client its roles");
      }
      refs.sort((x, y) -> Long.compare(y.priority(), x.priority()));
      List<Acl> acls = new ArrayList<>();
      refs.forEach(ref -> acls.addAll(ref.acls()));
      boolean disabled = client.get("disabled") != null && bool(client.get("disabled"), "disabled of " + where);
      Object password = client.get("password");
      Client parsed = new Client(user, clientId == null ? null : text(clientId, "clientid of " + where),
          password == null ? null : decode(password, "password of " + where),
          password == null ? null : decode(client.get("salt"), "salt of " + where),
          password == null ? 0 : iterations(client.get("iterations"), where), disabled, List.copyOf(acls));
      if (clients.put(user, parsed) != null) {
        throw new IllegalArgumentException("the client '" + user + "' appears twice");
      }
    }
    return new Credentials(Map.copyOf(clients), defaults);
  }

  private record RoleRef(List<Acl> acls, long priority) {
  }

  private static byte[] decode(Object value, String what) {
    try {
      return Base64.getDecoder().decode(text(value, what));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not Base64");
    }
  }

  private static int iterations(Object value, String where) {
    if (!(value instanceof Long n) || n < 1 || n > 10_000_000) {
      throw new IllegalArgumentException("iterations of " + where + " must be a whole number from 1");
    }
    return n.intValue();
  }

  private static long priority(Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Long n)) {
      throw new IllegalArgumentException("a priority must be a whole number, not " + value);
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw new IllegalArgumentException("expected a JSON array, found " + value);
    }
    return (List<Object>) value;
  }

  private static String text(Object value, String what) {
    if (!(value instanceof String s) || s.isEmpty()) {
      throw new IllegalArgumentException(what + " must be a non-empty string");
    }
    return s;
  }

  private static boolean bool(Object value, String what) {
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(what + " must be true or false");
    }
    return b;
  }
}
