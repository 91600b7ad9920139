package org.geohazard.api.admin.roster;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.problem.ApiException;
import org.geohazard.ingest.db.Database;

/**
 * The duty roster: list shifts, add one (the person must hold the role in the county; a person's shifts never
 * overlap), remove one. A county with nobody on shift falls back to everyone holding the role there.
 */
public final class RosterHandlers {
  /** The longest shift accepted: a week; longer cover is several shifts. */
  static final Duration MAX_SHIFT = Duration.ofDays(7);

  private final Database database;

  public RosterHandlers(Database database) {
    this.database = database;
  }

  public void mount(RouterBuilder builder, Handler<RoutingContext> guard) {
    builder.getRoute("adminListShifts").addHandler(guard).addHandler(this::list);
    builder.getRoute("adminAddShift").addHandler(guard).addHandler(this::add);
    builder.getRoute("adminRemoveShift").addHandler(guard).addHandler(this::remove);
  }

  public void list(RoutingContext ctx) {
    RequestParams query = RequestParams.of(ctx);
    int limit = query.integer("limit", 50);
    Instant from = time(queryTime(query.text("from")), "from");
    Instant to = time(queryTime(query.text("to")), "to");
    if (from != null && to != null && !from.isBefore(to)) {
      ctx.fail(invalidRange("'from' must be before 'to'"));
      return;
    }
    Position after = after(query.text("cursor"));
    RosterRepository.Filter filter = new RosterRepository.Filter(query.text("county"), from, to,
        after == null ? null : after.start(), after == null ? 0 : after.id(), limit);
    database.withConnection(c -> RosterRepository.list(c, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor", items.size() < limit
            ? null : cursorOf(items.get(items.size() - 1)))))
        .onFailure(ctx::fail);
  }

  public void add(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Instant from = time(body.getString("starts_at"), "starts_at");
    Instant to = time(body.getString("ends_at"), "ends_at");
    if (!from.isBefore(to)) {
      ctx.fail(invalidRange("'starts_at' must be before 'ends_at'"));
      return;
    }
    if (Duration.between(from, to).compareTo(MAX_SHIFT) > 0) {
      ctx.fail(ApiException.invalid("shift-too-long", "Shift too long",
          "a shift lasts at most " + MAX_SHIFT.toDays() + " days; add several shifts for longer cover"));
      return;
    }
    RosterRepository.Shift shift = new RosterRepository.Shift(body.getString("county"), body.getLong("person_id"),
        body.getString("role"), from, to);
    database.inTransaction(c -> {
      if (!RosterRepository.lockPerson(c, shift.person())) {
        throw ApiException.notFound("no person " + shift.person());
      }
      if (!RosterRepository.holdsRole(c, shift.person(), shift.role(), shift.county())) {
        throw ApiException.invalid("role-not-held", "Role not held", "person " + shift.person() + " is not a "
            + shift.role() + " of " + shift.county() + "; give them the role first");
      }
      RosterRepository.overlapping(c, shift.person(), from, to).ifPresent(other -> {
        throw ApiException.conflict("person " + shift.person() + " is already on " + other);
      });
      return RosterRepository.find(c, RosterRepository.insert(c, shift)).orElseThrow();
    }).onSuccess(saved -> {
      ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/admin/roster/" + saved.getLong("id"));
      ctx.json(saved);
    }).onFailure(ctx::fail);
  }

  public void remove(RoutingContext ctx) {
    long id = RequestParams.of(ctx).pathLong("shiftId");
    database.withConnection(c -> RosterRepository.delete(c, id))
        .onSuccess(deleted -> {
          if (deleted) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(ApiException.notFound("no shift " + id));
          }
        })
        .onFailure(ctx::fail);
  }

  private static String cursorOf(JsonObject last) {
    return Cursor.encode(last.getString("starts_at") + " " + last.getLong("id"));
  }

  /** Where a page starts: after the shift with this start and id. */
  private record Position(Instant start, long id) {
  }

  private static Position after(String cursor) {
    String position = Cursor.decode(cursor);
    if (position == null) {
      return null;
    }
    String[] parts = position.split(" ", -1);
    if (parts.length != 2) {
      throw Cursor.invalid();
    }
    try {
      return new Position(Instant.parse(parts[0]), Long.parseLong(parts[1]));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw Cursor.invalid();
    }
  }

  /** The router decodes query values twice: the '+' of an offset arrives as a space, and is put back here. */
  private static String queryTime(String text) {
    if (text != null && text.length() > 6 && text.charAt(text.length() - 6) == ' ') {
      return text.substring(0, text.length() - 6) + "+" + text.substring(text.length() - 5);
    }
    return text;
  }

  private static Instant time(String text, String name) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "invalid-request", "The request does not match the API contract",
          "'" + name + "' must be an RFC 3339 time with an offset");
    }
  }

  private static ApiException invalidRange(String detail) {
    return new ApiException(400, "invalid-range", "Invalid range", detail);
  }
}
