package org.geohazard.app.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the configuration: the documented defaults from the classpath, then an optional YAML file, then
 * environment variables ({@code GEOHAZARD_DATABASE_URL} for {@code database.url}). Keys not among the defaults are
 * refused, so a misspelt key is an error rather than a silently ignored setting.
 */
public final class ConfigLoader {
  public static final String DEFAULTS = "geohazard-defaults.yaml";
  private static final String ENV_PREFIX = "GEOHAZARD_";

  private ConfigLoader() {
  }

  public static Future<GatewayConfig> load(Vertx vertx, Path file, Map<String, String> env) {
    if (file != null && !Files.isReadable(file)) {
      return Future.failedFuture(new ConfigException("configuration file " + file + " cannot be read"));
    }
    return yaml(vertx, DEFAULTS).compose(defaults -> (file == null ? Future.succeededFuture(new JsonObject())
            : yaml(vertx, file.toString()))
        .map(overrides -> {
          List<String> unknown = new ArrayList<>();
          checkKnown(defaults, overrides, "", unknown);
          if (!unknown.isEmpty()) {
            throw new ConfigException("unknown configuration keys in " + file + ": " + unknown);
          }
          JsonObject merged = defaults.copy().mergeIn(overrides, true);
          applyEnvironment(merged, "", env);
          return GatewayConfig.from(merged);
        }));
  }

  private static Future<JsonObject> yaml(Vertx vertx, String path) {
    ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", path));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions()
        .setIncludeDefaultStores(false).setScanPeriod(-1).addStore(store));
    return retriever.getConfig()
        .recover(e -> Future.failedFuture(new ConfigException("cannot read configuration " + path + ": "
            + e.getMessage())))
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        });
  }

  private static void checkKnown(JsonObject defaults, JsonObject given, String path, List<String> unknown) {
    for (String key : given.fieldNames()) {
      Object known = defaults.getValue(key);
      if (known == null) {
        unknown.add(path + key);
      } else if (known instanceof JsonObject section && given.getValue(key) instanceof JsonObject sub) {
        checkKnown(section, sub, path + key + ".", unknown);
      }
    }
  }

  private static void applyEnvironment(JsonObject section, String path, Map<String, String> env) {
    for (String key : new ArrayList<>(section.fieldNames())) {
      Object value = section.getValue(key);
      String keyPath = path + key;
      if (value instanceof JsonObject sub) {
        applyEnvironment(sub, keyPath + ".", env);
        continue;
      }
      String name = ENV_PREFIX + keyPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      String override = env.get(name);
      if (override != null) {
        section.put(key, typed(name, override, value));
      }
    }
  }

  private static Object typed(String name, String text, Object like) {
    try {
      if (like instanceof Integer || like instanceof Long) {
        return Long.parseLong(text.trim());
      }
      if (like instanceof Double || like instanceof Float) {
        return Double.parseDouble(text.trim());
      }
      if (like instanceof Boolean) {
        if (!text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
          throw new NumberFormatException();
        }
        return Boolean.parseBoolean(text.trim());
      }
      return text;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be " + (like instanceof Boolean ? "true or false"
          : like instanceof Double ? "a number" : "a whole number")
          + "; got '" + text + "'");
    }
  }
}
