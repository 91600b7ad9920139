package org.geohazard.app.config;

/**
 * Where the truth about points, devices, people, rules and the roster lies.
 *
 * <ul>
 *   <li>{@code API}: a registry file seeds an empty database once; afterwards administrators change the registry
 *       through the API, and a restart never undoes what they did.
 *   <li>{@code FILE}: the file is imported at every start and owns what it lists; the API refuses to change that.
 * </ul>
 */
public enum RegistryMode {
  API, FILE;

  static RegistryMode from(Section s) {
    return switch (s.text("mode")) {
      case "api" -> API;
      case "file" -> FILE;
      default -> throw new ConfigException(s.path("mode") + " must be api or file; got '" + s.text("mode") + "'");
    };
  }
}
