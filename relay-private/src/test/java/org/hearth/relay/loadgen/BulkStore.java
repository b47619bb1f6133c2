package org.hearth.relay.loadgen;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.event.Event;
import org.hearth.nostr.event.EventTemplate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the relay's tables with signed events quickly: events are signed on all cores, the
 * secondary indexes and the tag foreign-key trigger are dropped/disabled, rows go in with {@code
 * COPY … FROM STDIN} (event and event_tag, relay {@code family}), then the indexes are rebuilt from
 * their own definitions and the tables vacuumed and analysed. Each event has an {@code e} tag
 * shared by 4 events (for {@code #e} queries) and a {@code p} tag. The same events can be written
 * as JSONL ({@link #export}) for another relay's importer, and the query sample read back from that
 * file ({@link #fromFile}).
 */
final class BulkStore {
  static final String RELAY = "family";
  private static final int CHUNK = 20_000;
  private static final String[] WORDS =
      "the a hearth family dinner garden note photo walk rain sun coffee plan weekend school music"
          .split(" ");

  /** What the REQ benchmark draws its queries from. */
  record Sample(List<String> ids, List<String> authors, List<String> eTags, long newest) {}

  private BulkStore() {}

  static String eTag(int i) {
    return String.format("%064x", 0xE000000L + i / 4);
  }

  static Sample load(BenchDatabase db, int count, int authorCount) throws Exception {
    return load(db, count, authorCount, null);
  }

  /**
   * {@link #load(BenchDatabase, int, int)}, or with {@code file} the first {@code count} events of
   * an {@link #export} (the very events another relay imported; nothing to sign).
   */
  static Sample load(BenchDatabase db, int count, int authorCount, Path file) throws Exception {
    List<LocalSigner> authors = BenchKeys.storeAuthors(authorCount);
    long now = System.currentTimeMillis() / 1000;
    BufferedReader lines = file == null ? null : Files.newBufferedReader(file);
    List<String> ids = new ArrayList<>();
    List<String> eTags = new ArrayList<>();
    try (Connection c = db.connect()) {
      List<String> indexes = dropIndexes(c);
      exec(c, "ALTER TABLE event_tag DISABLE TRIGGER ALL");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (int start = 0; start < count; start += CHUNK) {
        int end = Math.min(count, start + CHUNK);
        List<Event> chunk =
            lines == null
                ? IntStream.range(start, end)
                    .parallel()
                    .mapToObj(i -> event(i, authors, now))
                    .toList()
                : readChunk(lines, end - start);
        StringBuilder events = new StringBuilder(chunk.size() * 700);
        StringBuilder tags = new StringBuilder(chunk.size() * 300);
        for (int k = 0; k < chunk.size(); k++) {
          Event e = chunk.get(k);
          events
              .append(RELAY)
              .append('\t')
              .append(e.id())
              .append('\t')
              .append(e.pubkey())
              .append('\t')
              .append(e.createdAt())
              .append('\t')
              .append(e.kind())
              .append("\t\\N\t\\N\t")
              .append(escape(e.toJson()))
              .append('\t')
              .append(escape(e.content()))
              .append('\n');
          for (List<String> t : e.tags()) {
            tags.append(RELAY)
                .append('\t')
                .append(e.id())
                .append('\t')
                .append(t.get(0))
                .append('\t')
                .append(t.get(1))
                .append('\t')
                .append(e.createdAt())
                .append('\n');
          }
          if ((start + k) % 100 == 0) {
            ids.add(e.id());
            eTags.add(eTag(start + k));
          }
        }
        copyIn(
            copy,
            "COPY event (relay, id, pubkey, created_at, kind, replace_key, expires_at,"
                + " raw, content) FROM STDIN",
            events);
        copyIn(copy, "COPY event_tag (relay, event_id, name, value, created_at) FROM STDIN", tags);
        System.out.printf("  bulk store: %,d / %,d events%n", end, count);
      }
      exec(c, "ALTER TABLE event_tag ENABLE TRIGGER ALL");
      for (String def : indexes) {
        exec(c, def);
      }
      // VACUUM as autovacuum would after a while: without it the first read of every page sets
      // its tuples' hint bits (a page write), which a long-running store no longer pays.
      exec(c, "VACUUM ANALYZE event");
      exec(c, "VACUUM ANALYZE event_tag");
    }
    if (lines != null) {
      lines.close();
      return fromFile(file, authorCount);
    }
    return new Sample(ids, authors.stream().map(a -> a.publicKey().hex()).toList(), eTags, now);
  }

  /**
   * The sample of a store an earlier run left in a kept database ({@code --database}), when it
   * holds at least {@code count} events of the bulk store's authors; empty otherwise (load it
   * then).
   */
  static java.util.Optional<Sample> existing(BenchDatabase db, int count, int authorCount)
      throws SQLException {
    List<LocalSigner> authors = BenchKeys.storeAuthors(authorCount);
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      ResultSet n =
          st.executeQuery(
              "SELECT count(*), max(created_at) FROM event WHERE relay = '"
                  + RELAY
                  + "' AND pubkey = '"
                  + authors.get(0).publicKey().hex()
                  + "'");
      n.next();
      long ofFirstAuthor = n.getLong(1);
      long newest = n.getLong(2);
      ResultSet total =
          st.executeQuery("SELECT reltuples::bigint FROM pg_class WHERE relname = 'event'");
      total.next();
      long stored = total.getLong(1);
      if (ofFirstAuthor == 0 || stored < count * 0.95) {
        return java.util.Optional.empty();
      }
      List<String> ids = new ArrayList<>();
      ResultSet rs =
          st.executeQuery(
              "SELECT id FROM event TABLESAMPLE SYSTEM (2) WHERE relay = '"
                  + RELAY
                  + "' LIMIT 10000");
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      List<String> eTags = new ArrayList<>();
      for (int i = 0; i < count; i += 100) {
        eTags.add(eTag(i));
      }
      System.out.printf("  bulk store: reusing ~%,d events in %s%n", stored, db.name());
      return java.util.Optional.of(
          new Sample(
              ids, authors.stream().map(a -> a.publicKey().hex()).toList(), eTags, newest + 60));
    }
  }

  /**
   * Writes the {@code count} events {@link #load} would store, one signed event (NIP-01 JSON) a
   * line, to {@code file} (e.g. for {@code strfry import}).
   */
  static void export(Path file, int count, int authorCount) throws IOException {
    List<LocalSigner> authors = BenchKeys.storeAuthors(authorCount);
    long now = System.currentTimeMillis() / 1000;
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int start = 0; start < count; start += CHUNK) {
        int end = Math.min(count, start + CHUNK);
        for (Event e :
            IntStream.range(start, end).parallel().mapToObj(i -> event(i, authors, now)).toList()) {
          out.write(e.toJson());
          out.write('\n');
        }
        if (end % 100_000 == 0 || end == count) {
          System.out.printf("  export: %,d / %,d events%n", end, count);
        }
      }
    }
  }

  /**
   * The sample {@link #load} would have returned for the events {@link #export}ed to {@code file}:
   * every 100th id and {@code e} tag, the authors, and the export time (latest created_at + 60 s).
   */
  static Sample fromFile(Path file, int authorCount) throws IOException {
    List<LocalSigner> authors = BenchKeys.storeAuthors(authorCount);
    List<String> ids = new ArrayList<>();
    List<String> eTags = new ArrayList<>();
    long newest = 0;
    int i = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine(), i++) {
        int c = line.indexOf("\"created_at\":") + 13;
        int end = c;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
          end++;
        }
        newest = Math.max(newest, Long.parseLong(line, c, end, 10));
        if (i % 100 == 0) {
          int id = line.indexOf("\"id\":\"") + 6;
          ids.add(line.substring(id, id + 64));
          eTags.add(eTag(i));
        }
      }
    }
    System.out.printf("  bulk store: %,d events in %s%n", i, file);
    return new Sample(
        ids, authors.stream().map(a -> a.publicKey().hex()).toList(), eTags, newest + 60);
  }

  private static List<Event> readChunk(BufferedReader lines, int n) throws IOException {
    List<String> json = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      String l = lines.readLine();
      if (l == null) {
        throw new IllegalStateException("the store file has fewer events than --store");
      }
      json.add(l);
    }
    return json.parallelStream().map(Event::fromJson).toList();
  }

  private static Event event(int i, List<LocalSigner> authors, long now) {
    Random r = new Random(31L * i);
    int roll = r.nextInt(10);
    int kind = roll < 7 ? 1 : roll < 9 ? 7 : 6;
    StringBuilder content = new StringBuilder();
    for (int w = 0, n = 8 + r.nextInt(8); w < n; w++) {
      content.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    LocalSigner a = authors.get(r.nextInt(authors.size()));
    String p = authors.get(r.nextInt(authors.size())).publicKey().hex();
    return a.sign(
        new EventTemplate(
            kind,
            List.of(List.of("e", eTag(i)), List.of("p", p)),
            content.toString(),
            now - 60 - r.nextInt(30 * 86_400)));
  }

  private static void copyIn(CopyManager copy, String sql, CharSequence rows)
      throws SQLException, IOException {
    try (Reader in = new StringReader(rows.toString())) {
      copy.copyIn(sql, in);
    }
  }

  /** COPY text format: backslash, tab, newline and carriage return escaped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** Drops every non-unique secondary index of event and event_tag; returns their definitions. */
  private static List<String> dropIndexes(Connection c) throws SQLException {
    List<String[]> found = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('event',"
                    + " 'event_tag') AND indexdef NOT LIKE 'CREATE UNIQUE%'")) {
      while (rs.next()) {
        found.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    List<String> defs = new ArrayList<>();
    for (String[] f : found) {
      exec(c, "DROP INDEX " + f[0]);
      defs.add(f[1]);
    }
    return defs;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
