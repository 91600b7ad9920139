package org.geohazard.api.zones;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.geohazard.api.Cursor;
import org.geohazard.api.RequestParams;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.people.RoleQueries;
import org.geohazard.api.problem.ApiException;
import org.geohazard.registry.zones.ThreatenedZone;
import org.geohazard.registry.zones.ZoneException;
import org.geohazard.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The hazard query: which visible hazard points a location or a planned site is near, nearest first. */
public final class HazardQueryHandlers {
  static final int MAX_CANDIDATES = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(HazardQueryHandlers.class);
  private static final Comparator<HazardQuery.Hit> ORDER = Comparator.comparingDouble(HazardQuery.Hit::nearest)
      .thenComparing(hit -> hit.point().code());

  private final Database database;

  public HazardQueryHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("hazardQuery").addHandler(this::query);
  }

  public void query(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    int limit = params.integer("limit", 100);
    Position after = Position.parse(params.text("cursor"));
    JsonObject body = ctx.body().asJsonObject();
    HazardQuery query = HazardQuery.of(body);
    boolean delisted = body.getBoolean("include_delisted", false);
    database.withConnection(c -> {
      if (!RoleQueries.holdsAny(c, person, "admin", "duty_officer", "leader", "responsible_person")) {
        throw ApiException.forbidden("the hazard query is for administrators, duty officers, leaders and"
            + " responsible persons");
      }
      List<HazardQueryRepository.Candidate> candidates =
          HazardQueryRepository.candidates(c, person, query.box(), delisted, MAX_CANDIDATES + 1);
      if (candidates.size() > MAX_CANDIDATES) {
        throw ApiException.invalid("query-too-broad", "Query too broad", "more than " + MAX_CANDIDATES
            + " hazard points lie near the area; query a smaller area or distance");
      }
      // Geometry of up to thousands of points is CPU work: it stays on the worker, off the event loop.
      List<HazardQuery.Hit> hits = new ArrayList<>();
      for (HazardQueryRepository.Candidate point : candidates) {
        query.test(point, zone(point)).filter(hit -> after == null || after.before(hit)).ifPresent(hits::add);
      }
      hits.sort(ORDER);
      List<JsonObject> items = hits.stream().limit(limit).map(HazardQueryHandlers::json).toList();
      HazardQuery.Hit last = hits.size() > limit ? hits.get(limit - 1) : null;
      if (after == null) {
        // the query itself, once (not again for its further pages)
        JsonObject asked = body.copy();
        asked.remove("project");
        AssessmentQueries.record(c, person, Inputs.text(body, "project"), asked, hits.size());
      }
      return new JsonObject().put("items", items).put("next_cursor", last == null ? null : Position.of(last));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static ThreatenedZone zone(HazardQueryRepository.Candidate point) {
    if (point.zone() == null) {
      return null;
    }
    try {
      return ThreatenedZone.of(new JsonObject(point.zone()), point.lat(), point.lon());
    } catch (ZoneException | io.vertx.core.json.DecodeException e) {
      LOG.warn("[point: {}] stored threatened zone is not usable; the query uses the location only: {}",
          point.code(), e.getMessage());
      return null;
    }
  }

  private static JsonObject json(HazardQuery.Hit hit) {
    HazardQueryRepository.Candidate p = hit.point();
    return new JsonObject().put("code", p.code()).put("name", p.name()).put("type", p.type())
        .put("county", p.county()).put("status", p.status())
        .put("location", new JsonObject().put("lat", p.lat()).put("lon", p.lon()))
        .put("distance_m", hit.distance()).put("zone_distance_m", hit.zoneDistance())
        .put("location_hit", hit.locationHit()).put("zone_hit", hit.zoneHit());
  }

  /** Where a page ended: the last hit's sort key. */
  private record Position(double nearest, String code) {
    static Position parse(String cursor) {
      String position = Cursor.decode(cursor);
      if (position == null) {
        return null;
      }
      try {
        String[] parts = position.split("\\|", 2);
        return new Position(Double.parseDouble(parts[0]), parts[1]);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw Cursor.invalid();
      }
    }

    static String of(HazardQuery.Hit hit) {
      return Cursor.encode(hit.nearest() + "|" + hit.point().code());
    }

    boolean before(HazardQuery.Hit hit) {
      int byDistance = Double.compare(nearest, hit.nearest());
      return byDistance < 0 || byDistance == 0 && code.compareTo(hit.point().code()) < 0;
    }
  }
}
