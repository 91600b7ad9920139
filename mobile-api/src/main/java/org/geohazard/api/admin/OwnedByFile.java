package org.geohazard.api.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.RegistrySource;

/**
 * With {@code registry.mode=file} the registry file owns what it lists, and the gateway imports it again at every
 * start: a change made here would be undone silently, so it is refused up front (409 {@code owned-by-file}, naming
 * the file). What the file does not list stays the administrators'.
 */
public final class OwnedByFile {
  public static final String CODE = "owned-by-file";

  private OwnedByFile() {
  }

  /** Refuses when the file owns the point (and so its rules). */
  public static void refusePoint(Connection c, String code, String what) throws SQLException {
    refuse(RegistrySource.owner(c, RegistrySource.Kind.POINT, code), what);
  }

  public static void refuseDevice(Connection c, String id) throws SQLException {
    refuse(RegistrySource.owner(c, RegistrySource.Kind.DEVICE, id), "device " + id);
  }

  /** Refuses when the file owns the person (their name, phone, home and roles). */
  public static void refusePerson(Connection c, long id) throws SQLException {
    refuse(RegistrySource.personOwner(c, id), "person " + id);
  }

  /** The file that owns the person with this phone, if one does. */
  public static Optional<String> personOwner(Connection c, String phone) throws SQLException {
    return RegistrySource.owner(c, RegistrySource.Kind.PERSON, phone);
  }

  /** Refuses when the file replaces the county's roster. */
  public static void refuseRoster(Connection c, String county) throws SQLException {
    refuse(RegistrySource.owner(c, RegistrySource.Kind.ROSTER, county), "the roster of " + county);
  }

  public static void refuseShift(Connection c, long shift) throws SQLException {
    refuse(RegistrySource.shiftOwner(c, shift), "shift " + shift);
  }

  private static void refuse(Optional<String> file, String what) {
    if (file.isPresent()) {
      throw new ApiException(409, CODE, "Owned by the registry file", what + ": owned by the registry file "
          + file.get() + " (registry.mode=file); change it in the file and restart the gateway");
    }
  }
}
