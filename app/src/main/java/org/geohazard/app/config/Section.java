package org.geohazard.app.config;

import io.vertx.core.json.JsonObject;

/** Typed, range-checked reads from one section of the configuration, with the key path in every error. */
public final class Section {
  private final JsonObject json;
  private final String path;

  public Section(JsonObject json, String path) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
  }

  public Section section(String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      throw new ConfigException(path + "." + key + " must be a section");
    }
    return new Section((JsonObject) value, path + "." + key);
  }

  public String text(String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return "";
    }
    if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray) {
      throw new ConfigException(path + "." + key + " must be a single value");
    }
    return value.toString().trim();
  }

  public long number(String key, long min, long max) {
    Object value = json.getValue(key);
    long number;
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      number = n.longValue();
    } else {
      try {
        number = Long.parseLong(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(path + "." + key + " must be a whole number; got '" + value + "'");
      }
    }
    if (number < min || number > max) {
      throw new ConfigException(path + "." + key + " must be between " + min + " and " + max + "; got " + number);
    }
    return number;
  }

  public double decimal(String key, double min, double max) {
    Object value = json.getValue(key);
    double number;
    try {
      number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(path + "." + key + " must be a number; got '" + value + "'");
    }
    if (!(number >= min && number <= max)) {
      throw new ConfigException(path + "." + key + " must be between " + min + " and " + max + "; got " + number);
    }
    return number;
  }

  public int integer(String key, int min, int max) {
    return (int) number(key, min, max);
  }

  public boolean flag(String key) {
    Object value = json.getValue(key);
    if (value instanceof Boolean b) {
      return b;
    }
    throw new ConfigException(path + "." + key + " must be true or false; got '" + value + "'");
  }

  public String path(String key) {
    return path + "." + key;
  }
}
