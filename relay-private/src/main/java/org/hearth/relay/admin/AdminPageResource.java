package org.hearth.relay.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.hearth.relay.admin.RelayOverrides.Field;
import org.hearth.relay.config.Relays;

/**
 * The one thing the admin page (static files under {@code /admin/}) needs besides NIP-86: which
 * relays this server hosts. Public, like each relay's NIP-11 document.
 */
@Path("/admin/api/relays")
public class AdminPageResource {
  private final Relays relays;
  private final RelayOverrides overrides;

  public AdminPageResource(Relays relays, RelayOverrides overrides) {
    this.relays = relays;
    this.overrides = overrides;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<Map<String, String>> list() {
    return relays.all().stream()
        .map(
            r ->
                Map.of(
                    "path", r.path(), "name", overrides.get(r.path(), Field.NAME).orElse(r.name())))
        .sorted((a, b) -> a.get("path").compareTo(b.get("path")))
        .toList();
  }
}
