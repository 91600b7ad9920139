package org.geohazard.api.admin.devices;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.admin.AdminQueries;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.admin.rules.WarningRuleRepository;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.RegistryException;
import org.geohazard.registry.RegistryImporter;
import org.geohazard.registry.RegistrySpec;
import org.geohazard.storage.Database;

/**
 * Devices and their channels: list, get, create, update (point, model, interval, siren flag), add or update a
 * channel. Entries are validated as the registry file's are ({@link RegistrySpec.Device#of}); nothing is ever deleted, because
 * readings refer to the sensors.
 */
public final class DeviceHandlers {
  private final Database database;

  private record Saved(boolean created, JsonObject channel) {
  }

  public DeviceHandlers(Database database) {
    this.database = database;
  }

  public void mount(RouterBuilder builder, Handler<RoutingContext> guard) {
    builder.getRoute("adminListDevices").addHandler(guard).addHandler(this::list);
    builder.getRoute("adminGetDevice").addHandler(guard).addHandler(this::get);
    builder.getRoute("adminCreateDevice").addHandler(guard).addHandler(this::create);
    builder.getRoute("adminUpdateDevice").addHandler(guard).addHandler(this::update);
    builder.getRoute("adminPutChannel").addHandler(guard).addHandler(this::putChannel);
  }

  public void list(RoutingContext ctx) {
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    String point = query.text("point");
    String after = Cursor.decode(query.text("cursor"));
    database.withConnection(c -> DeviceRepository.list(c, point, after, limit))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor", items.size() < limit
            ? null : Cursor.encode(items.get(items.size() - 1).getString("id")))))
        .onFailure(ctx::fail);
  }

  public void get(RoutingContext ctx) {
    String id = ctx.pathParam("deviceId");
    database.withConnection(c -> DeviceRepository.find(c, id))
        .onSuccess(device -> device.ifPresentOrElse(ctx::json, () -> ctx.fail(notFound(id))))
        .onFailure(ctx::fail);
  }

  public void create(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    String point = body.getString("point");
    database.inTransaction(c -> {
      RegistrySpec.Device device = device(body.getString("id"), body.getString("model"), body.getInteger("interval_s"),
          body.getBoolean("siren", false), body.getJsonArray("channels", new JsonArray()));
      AdminQueries.requirePoint(c, point);
      if (!DeviceRepository.insert(c, point, device)) {
        throw ApiException.conflict("device " + device.id() + " exists already; update it instead");
      }
      RegistryImporter.upsertChannels(c, device.id(), device.channels());
      return DeviceRepository.find(c, device.id()).orElseThrow();
    }).onSuccess(device -> Responses.created(ctx, "/api/v1/admin/devices/" + device.getString("id"), device))
        .onFailure(ctx::fail);
  }

  /** Changes what the body names; moving to another point is refused while rules of the old point read it. */
  public void update(RoutingContext ctx) {
    String id = ctx.pathParam("deviceId");
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      if (!DeviceRepository.lock(c, id)) {
        throw notFound(id);
      }
      OwnedByFile.refuseDevice(c, id);
      JsonObject current = DeviceRepository.find(c, id).orElseThrow();
      String from = current.getString("point");
      String point = body.getString("point", from);
      if (!point.equals(from)) {
        AdminQueries.requirePoint(c, point);
        List<String> readers = WarningRuleRepository.readersOf(c, from, id);
        if (!readers.isEmpty()) {
          throw ApiException.conflict("rules " + readers + " of point " + from + " read this device's channels;"
              + " change, disable or delete them before moving the device");
        }
      }
      DeviceRepository.update(c, point, device(id,
          body.containsKey("model") ? body.getString("model") : current.getString("model"),
          body.getInteger("interval_s", current.getInteger("interval_s")),
          body.getBoolean("siren", current.getBoolean("siren")), current.getJsonArray("channels")));
      return DeviceRepository.find(c, id).orElseThrow();
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Adds the channel, or updates its metric, unit and range; a channel with readings keeps its metric. */
  public void putChannel(RoutingContext ctx) {
    String id = ctx.pathParam("deviceId");
    String key = ctx.pathParam("key");
    JsonObject entry = ctx.body().asJsonObject().copy().put("key", key);
    database.inTransaction(c -> {
      if (!DeviceRepository.lock(c, id)) {
        throw notFound(id);
      }
      OwnedByFile.refuseDevice(c, id);
      RegistrySpec.Channel channel = channel(id, entry);
      Optional<DeviceRepository.StoredChannel> stored = DeviceRepository.channel(c, id, key);
      if (stored.isPresent() && !stored.get().metric().equals(channel.metric())
          && DeviceRepository.hasReadings(c, stored.get().sensor())) {
        throw ApiException.conflict("channel " + key + " of device " + id + " has readings of "
            + stored.get().metric() + "; register the new instrument under a new key");
      }
      RegistryImporter.upsertChannels(c, id, List.of(channel));
      JsonArray channels = DeviceRepository.find(c, id).orElseThrow().getJsonArray("channels");
      for (int i = 0; i < channels.size(); i++) {
        if (channels.getJsonObject(i).getString("key").equals(key)) {
          return new Saved(stored.isEmpty(), channels.getJsonObject(i));
        }
      }
      throw new IllegalStateException("channel " + key + " was not stored");
    }).onSuccess(saved -> {
      ctx.response().setStatusCode(saved.created() ? 201 : 200);
      ctx.json(saved.channel());
    }).onFailure(ctx::fail);
  }

  /** A device with channels of the API's shape, validated as the registry's are. */
  private static RegistrySpec.Device device(String id, String model, Integer intervalSeconds, boolean siren,
      JsonArray channels) {
    try {
      List<RegistrySpec.Channel> entries = new ArrayList<>();
      for (int i = 0; i < channels.size(); i++) {
        entries.add(entry(id, channels.getJsonObject(i)));
      }
      return RegistrySpec.Device.of(id, model, intervalSeconds, siren, entries);
    } catch (RegistryException e) {
      throw ApiException.invalid("invalid-device", "Invalid device", e.getMessage());
    }
  }

  private static RegistrySpec.Channel channel(String device, JsonObject entry) {
    try {
      return entry(device, entry);
    } catch (RegistryException e) {
      throw ApiException.invalid("invalid-channel", "Invalid channel", e.getMessage());
    }
  }

  /** A channel of the API's shape: {key, metric, unit, range: {min, max}}. */
  private static RegistrySpec.Channel entry(String device, JsonObject channel) {
    JsonObject range = channel.getJsonObject("range");
    return RegistrySpec.Channel.of(device, channel.getString("key"), channel.getString("metric"),
        channel.getString("unit"), range == null ? null : range.getDouble("min"),
        range == null ? null : range.getDouble("max"));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("no device " + id);
  }
}
