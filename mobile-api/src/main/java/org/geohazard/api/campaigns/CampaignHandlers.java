package org.geohazard.api.campaigns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geohazard.api.RequestParams;
import org.geohazard.api.Responses;
import org.geohazard.api.RowScopes;
import org.geohazard.api.Times;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * Survey campaigns (排查): a county's duty officers plan one (pre-flood, in-season, post-flood, after a storm) with
 * what it covers — its points, its struck-off points for the re-check (回头看), its at-risk houses, or some of them
 * — and monitors and staff record inspections against its targets from the app; the duty room sees coverage per
 * township (done, not yet, findings). A finding may propose a new hazard point ({@link ProposalHandlers}). Scopes in
 * {@link CampaignAccess}.
 */
public final class CampaignHandlers {
  private final Database database;

  public CampaignHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("createCampaign").addHandler(this::create);
    builder.getRoute("listCampaigns").addHandler(this::list);
    builder.getRoute("getCampaign").addHandler(this::get);
    builder.getRoute("listCampaignTargets").addHandler(this::targets);
    builder.getRoute("createCampaignInspection").addHandler(this::inspect);
    builder.getRoute("listCampaignInspections").addHandler(this::inspections);
  }

  void create(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    CampaignQueries.NewCampaign campaign = campaign(ctx.body().asJsonObject());
    database.inTransaction(c -> {
      if (!RowScopes.holdsInCounty(c, "k", campaign.county(), CampaignAccess.PLAN, person)) {
        throw ApiException.forbidden("your roles do not let you plan campaigns in " + campaign.county());
      }
      List<String> foreign = CampaignQueries.foreign(c, campaign);
      if (!foreign.isEmpty()) {
        throw ApiException.invalid("not-in-county", "Not of this county",
            String.join(", ", foreign) + ": not in " + campaign.county());
      }
      long id = CampaignQueries.insert(c, campaign, person);
      return withCoverage(CampaignQueries.find(c, person, id).orElseThrow(), CampaignQueries.targets(c, person, id));
    }).onSuccess(created -> Responses.created(ctx, "/api/v1/campaigns/" + created.getLong("id"), created))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    int year = query.integer("year", 0);
    database.withConnection(c -> CampaignQueries.list(c, person, query.text("county"), year == 0 ? null : year))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("campaignId");
    database.withConnection(c -> withCoverage(CampaignQueries.find(c, person, id)
            .orElseThrow(() -> ApiException.notFound(noCampaign(id))), CampaignQueries.targets(c, person, id)))
        .onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void targets(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    long id = query.pathLong("campaignId");
    String state = query.text("state");
    database.withConnection(c -> {
      CampaignQueries.find(c, person, id).orElseThrow(() -> ApiException.notFound(noCampaign(id)));
      JsonArray items = new JsonArray();
      CampaignQueries.targets(c, person, id).stream().map(CampaignQueries.Target::json)
          .filter(t -> state == null || t.getString("state").equals(state)).forEach(items::add);
      return new JsonObject().put("items", items);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void inspect(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    long campaign = params.pathLong("campaignId");
    long target = params.pathLong("targetId");
    JsonObject body = ctx.body().asJsonObject();
    Instant at = Times.parse(body.getString("inspected_at"), "inspected_at");
    Instant inspectedAt = at == null ? Instant.now() : Inputs.observed(at, "inspected_at");
    String findings = Inputs.text(body, "findings");
    boolean danger = body.getBoolean("danger_found");
    ProposalQueries.NewProposal proposal = proposal(body.getJsonObject("proposal"));
    database.inTransaction(c -> {
      requireTarget(c, person, campaign, target, CampaignAccess.INSPECT, "inspect this target");
      long inspection = CampaignQueries.insertInspection(c, target, person, inspectedAt, findings, danger);
      if (proposal != null) {
        String county = CampaignQueries.find(c, person, campaign).orElseThrow().getString("county");
        ProposalQueries.insert(c, inspection, county, proposal);
      }
      return CampaignQueries.target(c, person, campaign, target).json().put("inspection_id", inspection).put("proposed_point", proposal != null);
    }).onSuccess(created -> Responses.created(ctx, null, created)).onFailure(ctx::fail);
  }

  void inspections(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams params = RequestParams.of(ctx);
    long campaign = params.pathLong("campaignId");
    long target = params.pathLong("targetId");
    database.withConnection(c -> {
      requireTarget(c, person, campaign, target, CampaignAccess.SEE_TARGET, "see this target");
      return new JsonObject().put("items", CampaignQueries.inspections(c, target));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** Not found unless the target is the campaign's and the caller sees it, forbidden unless the rule lets them act. */
  private static void requireTarget(Connection c, long person, long campaign, long target, String act, String what)
      throws SQLException {
    if (CampaignQueries.campaignOf(c, target).filter(k -> k == campaign).isEmpty()) {
      throw ApiException.notFound(noTarget(target));
    }
    RowScopes.require(c, "campaign_target", "g", target, CampaignAccess.SEE_TARGET, act, person, noTarget(target),
        what);
  }

  /** The campaign with its coverage per township and in all, over the targets the caller sees. */
  private static JsonObject withCoverage(JsonObject campaign, List<CampaignQueries.Target> targets) {
    Map<String, long[]> byTownship = new LinkedHashMap<>();
    long[] all = new long[3];
    for (CampaignQueries.Target t : targets) {
      long[] counts = byTownship.computeIfAbsent(t.township() == null ? "" : t.township(), k -> new long[3]);
      for (long[] c : new long[][] {counts, all}) {
        c[0]++;
        c[1] += t.inspections() > 0 ? 1 : 0;
        c[2] += t.danger() ? 1 : 0;
      }
    }
    JsonArray townships = new JsonArray();
    byTownship.forEach((name, counts) -> townships.add(coverage(counts).put("township", name.isEmpty() ? null
        : name)));
    return campaign.put("coverage", coverage(all).put("townships", townships));
  }

  private static JsonObject coverage(long[] counts) {
    return new JsonObject().put("targets", counts[0]).put("done", counts[1]).put("not_yet", counts[0] - counts[1])
        .put("findings", counts[2]);
  }

  private static CampaignQueries.NewCampaign campaign(JsonObject body) {
    LocalDate startsOn = Inputs.date(body, "starts_on");
    LocalDate endsOn = Inputs.date(body, "ends_on");
    if (endsOn.isBefore(startsOn)) {
      throw ApiException.invalid("invalid-dates", "Dates out of order", "'ends_on' is before 'starts_on'");
    }
    JsonObject covers = body.getJsonObject("covers", new JsonObject());
    Set<String> points = new LinkedHashSet<>();
    covers.getJsonArray("points", new JsonArray()).forEach(p -> points.add((String) p));
    Set<Long> houses = new LinkedHashSet<>();
    covers.getJsonArray("houses", new JsonArray()).forEach(h -> houses.add(((Number) h).longValue()));
    CampaignQueries.NewCampaign campaign = new CampaignQueries.NewCampaign(Inputs.text(body, "county").strip(),
        body.getString("kind"), Inputs.text(body, "title"), startsOn, endsOn, Inputs.text(body, "notes"),
        covers.getBoolean("all_points", false), covers.getBoolean("struck_off_points", false),
        covers.getBoolean("all_houses", false), points, houses);
    if (!campaign.allPoints() && !campaign.struckOff() && !campaign.allHouses() && points.isEmpty()
        && houses.isEmpty()) {
      throw ApiException.invalid("nothing-to-cover", "Campaign covers nothing",
          "'covers' must name points or houses, or take all points, struck-off points or all houses");
    }
    return campaign;
  }

  private static ProposalQueries.NewProposal proposal(JsonObject body) {
    if (body == null) {
      return null;
    }
    double[] location = Inputs.location(body);
    return new ProposalQueries.NewProposal(Inputs.text(body, "name"), body.getString("hazard_type"), location[0],
        location[1], Inputs.text(body, "description"));
  }

  private static String noCampaign(long id) {
    return "no campaign " + id + " that you may see";
  }

  private static String noTarget(long id) {
    return "no target " + id + " of this campaign that you may see";
  }
}
