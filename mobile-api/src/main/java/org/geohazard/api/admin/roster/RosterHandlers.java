package org.geohazard.api.admin.roster;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.time.Instant;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.Times;
import org.geohazard.api.admin.OwnedByFile;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

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
    Instant from = Times.parse(query.text("from"), "from");
    Instant to = Times.parse(query.text("to"), "to");
    if (from != null && to != null && !from.isBefore(to)) {
      ctx.fail(invalidRange("'from' must be before 'to'"));
      return;
    }
    Cursor.TimeAndId after = Cursor.timeAndId(query.text("cursor"));
    RosterRepository.Filter filter = new RosterRepository.Filter(query.text("county"), from, to,
        after == null ? null : after.at(), after == null ? 0 : after.id(), limit);
    database.withConnection(c -> RosterRepository.list(c, filter))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items).put("next_cursor", items.size() < limit
            ? null : cursorOf(items.get(items.size() - 1)))))
        .onFailure(ctx::fail);
  }

  public void add(RoutingContext ctx) {
    JsonObject body = ctx.body().asJsonObject();
    Instant from = Times.parse(body.getString("starts_at"), "starts_at");
    Instant to = Times.parse(body.getString("ends_at"), "ends_at");
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
      OwnedByFile.refuseRoster(c, shift.county());
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
    }).onSuccess(saved -> Responses.created(ctx, "/api/v1/admin/roster/" + saved.getLong("id"), saved))
        .onFailure(ctx::fail);
  }

  public void remove(RoutingContext ctx) {
    long id = RequestParams.of(ctx).pathLong("shiftId");
    database.inTransaction(c -> {
      OwnedByFile.refuseShift(c, id);
      return RosterRepository.delete(c, id);
    })
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
    return Cursor.ofTimeAndId(Instant.parse(last.getString("starts_at")), last.getLong("id"));
  }


  private static ApiException invalidRange(String detail) {
    return new ApiException(400, "invalid-range", "Invalid range", detail);
  }
}
