package org.geohazard.api.campaigns;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.geohazard.api.RequestParams;
import org.geohazard.api.auth.Tokens;
import org.geohazard.api.monitors.Inputs;
import org.geohazard.api.people.RoleQueries;
import org.geohazard.api.problem.ApiException;
import org.geohazard.storage.Database;

/**
 * New hazard points proposed by survey findings: the county's duty room sees them; an administrator registers the
 * point (with the points API) and records the proposal as registered under its code, or declines it with a note.
 */
public final class ProposalHandlers {
  private final Database database;

  public ProposalHandlers(Database database) {
    this.database = database;
  }

  /** Binds this feature's operations of the contract. */
  public void mount(RouterBuilder builder) {
    builder.getRoute("listPointProposals").addHandler(this::list);
    builder.getRoute("decidePointProposal").addHandler(this::decide);
  }

  void list(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    RequestParams query = RequestParams.of(ctx);
    database.withConnection(c -> ProposalQueries.list(c, person, query.text("county"), query.text("state"), null))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", items))).onFailure(ctx::fail);
  }

  void decide(RoutingContext ctx) {
    long person = Tokens.person(ctx);
    long id = RequestParams.of(ctx).pathLong("proposalId");
    JsonObject body = ctx.body().asJsonObject();
    String state = body.getString("state");
    String point = body.getString("point");
    if (state.equals("registered") == (point == null)) {
      throw ApiException.invalid("invalid-decision", "Decision not valid",
          "a registered proposal names its 'point'; a declined one names none");
    }
    database.inTransaction(c -> {
      JsonObject proposal = ProposalQueries.list(c, person, null, null, id).stream().findFirst()
          .orElseThrow(() -> ApiException.notFound("no proposal " + id + " that you may see"));
      if (!RoleQueries.holdsAny(c, person, "admin")) {
        throw ApiException.forbidden("only administrators register hazard points");
      }
      if (point != null) {
        try (PreparedStatement s = c.prepareStatement("SELECT county FROM hazard_point WHERE code = ?")) {
          s.setString(1, point);
          try (ResultSet r = s.executeQuery()) {
            if (!r.next() || !r.getString(1).equals(proposal.getString("county"))) {
              throw ApiException.invalid("unknown-point", "Unknown hazard point",
                  "register point " + point + " in " + proposal.getString("county") + " first");
            }
          }
        }
      }
      if (!ProposalQueries.decide(c, id, state, point, Inputs.text(body, "note"), person)) {
        throw ApiException.conflict("proposal " + id + " was decided already");
      }
      return ProposalQueries.list(c, person, null, null, id).get(0);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
