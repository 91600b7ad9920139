package org.geohazard.api.figures;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.events.EventQueries;
import org.geohazard.api.problem.ApiException;
import org.geohazard.api.zones.AssessmentQueries;
import org.geohazard.storage.Database;

/**
 * The year's figures per county and hazard point, for the duty rooms of the counties and administrators; each county
 * also counts its hazard-assessment queries and its disaster events.
 */
public final class FigureHandlers {

  private static final EventQueries.Totals NO_EVENTS = new EventQueries.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);
  private final Database database;

  public FigureHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("yearFigures").addHandler(this::year);
  }

  private void year(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int year = query.integer("year", 0);
    String county = query.text("county");
    Instant from = Times.yearStart(year);
    Instant to = Times.yearStart(year + 1);
    database.withConnection(c -> {
      if (!FigureQueries.runsADutyRoom(c, person)) {
        throw ApiException.forbidden("only duty officers, leaders and administrators read the figures");
      }
      List<FigureQueries.PointFigures> points = FigureQueries.points(c, person, county, from, to);
      long deploymentDrills = FigureQueries.deploymentDrills(c, from, to);
      Map<String, Long> assessments = AssessmentQueries.perCounty(c, from, to);
      Map<String, EventQueries.Totals> events = EventQueries.perCounty(c, from, to);
      return new JsonObject().put("year", year).put("from", from.toString()).put("to", to.toString())
          .put("deployment_drills", deploymentDrills)
          .put("counties", counties(points, deploymentDrills, assessments, events));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private static JsonArray counties(List<FigureQueries.PointFigures> points, long deploymentDrills,
      Map<String, Long> assessments, Map<String, EventQueries.Totals> events) {
    Map<String, List<FigureQueries.PointFigures>> byCounty = new LinkedHashMap<>();
    points.forEach(p -> byCounty.computeIfAbsent(p.county(), k -> new ArrayList<>()).add(p));
    JsonArray counties = new JsonArray();
    byCounty.forEach((name, list) -> {
      FigureQueries.PointFigures sum = new FigureQueries.PointFigures(null, null, name, null,
          total(list, FigureQueries.PointFigures::blue), total(list, FigureQueries.PointFigures::yellow),
          total(list, FigureQueries.PointFigures::orange), total(list, FigureQueries.PointFigures::red),
          total(list, FigureQueries.PointFigures::evacuations), total(list, FigureQueries.PointFigures::evacuated),
          total(list, FigureQueries.PointFigures::safe),
          total(list, FigureQueries.PointFigures::drills) + deploymentDrills,
          total(list, FigureQueries.PointFigures::devices), total(list, FigureQueries.PointFigures::samplesReceived),
          total(list, FigureQueries.PointFigures::samplesExpected));
      JsonArray items = new JsonArray();
      list.forEach(p -> items.add(figures(p).put("code", p.code()).put("name", p.name()).put("status", p.status())));
      counties.add(figures(sum).put("county", name).put("assessment_queries", assessments.getOrDefault(name, 0L))
          .put("events", events(events.getOrDefault(name, NO_EVENTS))).put("points", items));
    });
    return counties;
  }

  /** The county's disaster events of the year; zero casualties at planned points unless an event at one had any. */
  private static JsonObject events(EventQueries.Totals t) {
    return new JsonObject().put("events", t.events()).put("deaths", t.deaths()).put("missing", t.missing())
        .put("injured", t.injured()).put("people_warned_safe", t.peopleWarnedSafe())
        .put("at_planned_points_casualties", t.atPlannedPointsCasualties())
        .put("zero_casualties_at_planned_points", t.atPlannedPointsCasualties() == 0);
  }

  private static long total(List<FigureQueries.PointFigures> list,
      ToLongFunction<FigureQueries.PointFigures> field) {
    return list.stream().mapToLong(field).sum();
  }

  private static JsonObject figures(FigureQueries.PointFigures f) {
    Double rate = f.samplesExpected() == 0 ? null
        : Math.round(10_000.0 * f.samplesReceived() / f.samplesExpected()) / 10_000.0;
    return new JsonObject()
        .put("warnings", new JsonObject().put("blue", f.blue()).put("yellow", f.yellow()).put("orange", f.orange())
            .put("red", f.red()).put("total", f.blue() + f.yellow() + f.orange() + f.red()))
        .put("drills", f.drills())
        .put("evacuations", new JsonObject().put("alerts", f.evacuations()).put("people", f.evacuated()))
        .put("checked_in_safe", f.safe())
        .put("devices", new JsonObject().put("count", f.devices()).put("samples_received", f.samplesReceived())
            .put("samples_expected", f.samplesExpected()).put("online_rate", rate));
  }
}
