package org.geohazard.api.residents;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.geohazard.alerts.help.HelpRequest;
import org.geohazard.alerts.help.HelpRequests;
import org.geohazard.api.RequestParams;
import org.geohazard.api.alerts.AlertAccess;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * The residents' side: their app's push tokens, their answer to a warning (a call for help reaches the staff at once),
 * the check-ins staff record for villagers they reached, calls for help taken on, and the roll call duty officers read.
 */
public final class ResidentHandlers {
  private final Database database;
  private final HelpRequests help;

  public ResidentHandlers(Database database, HelpRequests help) {
    this.database = database;
    this.help = help;
  }


  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("registerPushToken").addHandler(this::registerToken);
    builder.getRoute("removePushToken").addHandler(this::removeToken);
    builder.getRoute("checkIn").addHandler(this::checkIn);
    builder.getRoute("recordCheckIn").addHandler(this::recordCheckIn);
    builder.getRoute("takeHelpRequest").addHandler(this::takeHelpRequest);
    builder.getRoute("rollCall").addHandler(this::rollCall);
  }

  public void registerToken(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    JsonObject body = ctx.body().asJsonObject();
    Number issued = ctx.user().get("iat");
    // when the caller's session (this access token) began: a token moves only to a session newer than its registration
    Instant sessionStart = issued == null ? null : Instant.ofEpochSecond(issued.longValue());
    database.inTransaction(c -> {
      PushTokenRegistry.register(c, person, body.getString("token"), body.getString("platform"),
          body.getString("language", "zh"), body.getString("installation"), sessionStart);
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  public void removeToken(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    String token = ctx.pathParam("token");
    database.withConnection(c -> ResidentQueries.remove(c, person, token))
        .onSuccess(removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(ApiException.notFound("no such push token of yours"));
          }
        })
        .onFailure(ctx::fail);
  }

  public void checkIn(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long alert = RequestParams.of(ctx).pathLong("alertId");
    JsonObject body = ctx.body().asJsonObject();
    // the check-in, its call for help and the messages to the staff commit together
    database.inTransaction(c -> {
      AlertAccess.require(c, person, alert, AlertAccess.Action.CHECK_IN, "check in on (residents of its point do)");
      record(c, alert, person, body, null);
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** A staff member records the check-in of a villager reached by phone or at the door. */
  public void recordCheckIn(RoutingContext ctx) {
    long staff = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    long alert = params.pathLong("alertId");
    long resident = params.pathLong("personId");
    JsonObject body = ctx.body().asJsonObject();
    database.inTransaction(c -> {
      AlertAccess.require(c, staff, alert, AlertAccess.Action.HELP,
          "record check-ins on (the point's staff and the county's duty room do)");
      if (!ResidentQueries.residentOf(c, alert, resident)) {
        throw ApiException.notFound("no resident " + resident + " on the roll call of alert " + alert);
      }
      record(c, alert, resident, body, staff);
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void record(Connection c, long alert, long resident, JsonObject body, Long recordedBy)
      throws SQLException {
    if (AlertAccess.closed(c, alert)) {
      throw ApiException.conflict("alert " + alert + " has ended");
    }
    JsonObject location = body.getJsonObject("location");
    Double lat = location == null ? null : location.getDouble("lat");
    Double lon = location == null ? null : location.getDouble("lon");
    String status = body.getString("status");
    String note = body.getString("note");
    ResidentQueries.checkIn(c, alert, resident, status, note, lat, lon, recordedBy,
        recordedBy == null ? null : body.getString("via"));
    help.checkedIn(c, alert, resident, status, note, lat, lon, recordedBy);
  }

  /** A staff member takes a call for help on: its reminders stop and the resident is told who is coming. */
  public void takeHelpRequest(RoutingContext ctx) {
    long staff = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("helpRequestId");
    database.withConnection(c -> {
      HelpRequest request = help.find(c, id)
          .orElseThrow(() -> ApiException.notFound("no call for help " + id + " that you may see"));
      AlertAccess.require(c, staff, request.alertId(), AlertAccess.Action.HELP, "take on calls for help at");
      HelpRequests.Taking taking = help.takeOn(c, id, staff);
      HelpRequest now = help.find(c, id).orElseThrow();
      // taking it on twice (a second tap) is no conflict with oneself
      if (taking == HelpRequests.Taking.TAKEN || Long.valueOf(staff).equals(now.takenBy())) {
        return HelpRequestJson.of(now);
      }
      return switch (taking) {
        case TAKEN -> HelpRequestJson.of(now);
        case ALREADY_TAKEN -> throw ApiException.conflict("call for help " + id + " was already taken on by "
            + help.personName(c, now.takenBy()).orElse("someone"));
        case CLOSED -> throw ApiException.conflict("call for help " + id + " is over (" + now.state() + ")");
        case NOT_FOUND -> throw ApiException.notFound("no call for help " + id + " that you may see");
      };
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  public void rollCall(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long alert = RequestParams.of(ctx).pathLong("alertId");
    database.withConnection(c -> {
      AlertAccess.require(c, person, alert, AlertAccess.Action.RESOLVE, "read the roll call of");
      return ResidentQueries.rollCall(c, alert);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
