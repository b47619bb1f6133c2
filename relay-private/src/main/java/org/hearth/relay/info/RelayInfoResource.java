package org.hearth.relay.info;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.nostr.message.MessageCodec;
import org.hearth.relay.access.KindWriters;
import org.hearth.relay.admin.RelayOverrides;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;
import org.hearth.relay.config.Relays;

/**
 * NIP-11: the relay information document, at the relay's URL for {@code application/nostr+json}.
 */
@Path("/{relay}")
public class RelayInfoResource {
  public static final String NOSTR_JSON = "application/nostr+json";
  static final List<Integer> SUPPORTED_NIPS = List.of(1, 9, 11, 40, 42, 45, 50, 70);

  private final Relays relays;
  private final RelayConfig config;
  private final RelayOverrides overrides;

  public RelayInfoResource(Relays relays, RelayConfig config, RelayOverrides overrides) {
    this.relays = relays;
    this.config = config;
    this.overrides = overrides;
  }

  @GET
  @Produces(NOSTR_JSON)
  public Response info(@PathParam("relay") String path) {
    RelaySettings r = relays.find(path).orElseThrow(() -> new NotFoundException("no such relay"));
    RelayConfig.Limits l = config.limits();
    Map<String, Object> limitation = new LinkedHashMap<>();
    limitation.put("max_message_length", l.maxMessageBytes());
    limitation.put("max_subscriptions", l.maxSubscriptions());
    limitation.put("max_limit", l.maxLimit());
    limitation.put("max_subid_length", MessageCodec.MAX_SUBSCRIPTION_ID);
    limitation.put("max_event_tags", l.maxTags());
    limitation.put("auth_required", true);
    limitation.put("payment_required", false);
    limitation.put("restricted_writes", true);
    limitation.put("created_at_upper_limit", l.maxFutureSkew().toSeconds());
    if (!l.maxAge().isZero()) {
      limitation.put("created_at_lower_limit", l.maxAge().toSeconds());
    }
    limitation.put("default_limit", l.defaultLimit());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", r.name());
    doc.put("description", r.description());
    doc.put("pubkey", r.owner().hex());
    doc.put("supported_nips", SUPPORTED_NIPS);
    doc.put("software", "https://github.com/hearth/hearth relay-private");
    doc.put("version", "0.1.0");
    doc.put("limitation", limitation);
    doc.put("hearth_write_policies", r.writePolicies());
    doc.put("hearth_read_policies", r.readPolicies());
    doc.put("hearth_visibility", visibility(r));
    doc.put("hearth_kind_writers", writers(r));
    overrides.amend(r.path(), doc);
    return Response.ok(doc)
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Headers", "*")
        .header("Access-Control-Allow-Methods", "GET, OPTIONS")
        .build();
  }

  /** Kinds that are not readable by every member: {@code {"4": "parties", …}}, by kind. */
  static Map<String, String> visibility(RelaySettings r) {
    Map<String, String> out = new LinkedHashMap<>();
    new TreeMap<>(r.visibility())
        .forEach((kind, v) -> out.put(String.valueOf(kind), v.name().toLowerCase(Locale.ROOT)));
    return out;
  }

  /** Kinds only some roles may write: {@code {"5970": ["owner", "admin", "service"], …}}. */
  static Map<String, List<String>> writers(RelaySettings r) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    new TreeMap<>(r.writers())
        .forEach((kind, roles) -> out.put(String.valueOf(kind), KindWriters.roleKeys(roles)));
    return out;
  }
}
