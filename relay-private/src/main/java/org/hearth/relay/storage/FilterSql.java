package org.hearth.relay.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hearth.nostr.filter.Filter;

/**
 * Turns one NIP-01 filter into one SQL query over {@code event}, with the privacy clause and the
 * expiry condition. Parameters are always bound, never spliced.
 */
final class FilterSql {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> args = new ArrayList<>();

  private FilterSql() {}

  /** The query, or null when the filter can match nothing (an empty id/author/kind/tag set). */
  static FilterSql select(
      String relay, Filter f, PrivacyClause privacy, int limit, long now, String columns) {
    if (empty(f.ids()) || empty(f.authors()) || empty(f.kinds())) {
      return null;
    }
    for (Set<String> values : f.tags().values()) {
      if (values.isEmpty()) {
        return null;
      }
    }
    FilterSql q = new FilterSql();
    q.sql.append("SELECT ").append(columns).append(" FROM event e WHERE e.relay = ");
    String relayArg = q.arg(relay);
    q.sql.append(relayArg);
    if (f.ids() != null) {
      q.sql.append(" AND e.id = ANY(").append(q.arg(f.ids().toArray(String[]::new))).append(')');
    }
    if (f.authors() != null) {
      q.sql
          .append(" AND e.pubkey = ANY(")
          .append(q.arg(f.authors().toArray(String[]::new)))
          .append(')');
    }
    if (f.kinds() != null) {
      q.sql
          .append(" AND e.kind = ANY(")
          .append(q.arg(f.kinds().toArray(Integer[]::new)))
          .append(')');
    }
    if (f.since().isPresent()) {
      q.sql.append(" AND e.created_at >= ").append(q.arg(f.since().getAsLong()));
    }
    if (f.until().isPresent()) {
      q.sql.append(" AND e.created_at <= ").append(q.arg(f.until().getAsLong()));
    }
    for (Map.Entry<String, Set<String>> t : f.tags().entrySet()) {
      q.sql
          .append(" AND e.id IN (SELECT t.event_id FROM event_tag t WHERE t.relay = ")
          .append(relayArg)
          .append(" AND t.name = ")
          .append(q.arg(t.getKey()))
          .append(" AND t.value = ANY(")
          .append(q.arg(t.getValue().toArray(String[]::new)))
          .append("))");
    }
    if (f.search().isPresent()) {
      q.sql
          .append(" AND e.search @@ websearch_to_tsquery('simple', ")
          .append(q.arg(f.search().get()))
          .append(')');
    }
    q.sql.append(" AND (e.expires_at IS NULL OR e.expires_at > ").append(q.arg(now)).append(')');
    String readers = q.arg(privacy.readers().toArray(String[]::new));
    q.sql
        .append(" AND (e.kind <> ALL(")
        .append(q.arg(privacy.authorKinds().toArray(Integer[]::new)))
        .append(") OR e.pubkey = ANY(")
        .append(readers)
        .append("))");
    q.sql
        .append(" AND (e.kind <> ALL(")
        .append(q.arg(privacy.partyKinds().toArray(Integer[]::new)))
        .append(") OR e.pubkey = ANY(")
        .append(readers)
        .append(") OR e.id IN (SELECT p.event_id FROM event_tag p WHERE p.relay = ")
        .append(relayArg)
        .append(" AND p.name = 'p' AND p.value = ANY(")
        .append(readers)
        .append(")))");
    q.sql.append(" ORDER BY e.created_at DESC, e.id ASC LIMIT ").append(q.arg(limit));
    return q;
  }

  private static boolean empty(Set<?> s) {
    return s != null && s.isEmpty();
  }

  private String arg(Object value) {
    args.add(value);
    return "$" + args.size();
  }

  String sql() {
    return sql.toString();
  }

  List<Object> args() {
    return args;
  }
}
