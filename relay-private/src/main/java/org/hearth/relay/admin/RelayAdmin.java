package org.hearth.relay.admin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearth.relay.admin.RelayOverrides.Field;
import org.hearth.relay.ws.RelayEndpoint;

/** NIP-86 changerelayname/description/icon and Hearth's relaystats. */
@ApplicationScoped
public class RelayAdmin {
  private final RelayOverrides overrides;
  private final Members members;
  private final Pool pool;
  private final RelayEndpoint endpoint;

  public RelayAdmin(RelayOverrides overrides, Members members, Pool pool, RelayEndpoint endpoint) {
    this.overrides = overrides;
    this.members = members;
    this.pool = pool;
    this.endpoint = endpoint;
  }

  Uni<AdminResult> change(AdminCall c, Field field, String value) {
    String v = value.strip();
    if (field != Field.DESCRIPTION && v.isEmpty()) {
      throw new AdminRefusal("invalid: the relay's " + field.key() + " cannot be empty");
    }
    if (field == Field.NAME && v.length() > 100) {
      throw new AdminRefusal("invalid: a relay name is at most 100 characters");
    }
    if (field == Field.ICON) {
      checkIcon(v);
    }
    return overrides.set(c.path(), field, v).replaceWith(AdminResult.done());
  }

  Uni<AdminResult> stats(AdminCall c) {
    return pool.preparedQuery("SELECT count(*) FROM event WHERE relay = $1")
        .execute(Tuple.of(c.path()))
        .map(rs -> rs.iterator().next().getLong(0))
        .chain(
            events ->
                members
                    .active(c.path(), c.now())
                    .map(
                        m -> {
                          Map<String, Object> out = new LinkedHashMap<>();
                          out.put("events", events);
                          out.put("connections", endpoint.connections());
                          out.put("members", m.size());
                          return AdminResult.read(out);
                        }));
  }

  private static void checkIcon(String v) {
    try {
      URI u = new URI(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme();
      if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // fall through
    }
    throw new AdminRefusal("invalid: the icon must be an http(s) URL");
  }
}
