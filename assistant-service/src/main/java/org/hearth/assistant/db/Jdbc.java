package org.hearth.assistant.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC helpers: one statement per call, errors as {@link DatabaseException}. */
public final class Jdbc {
  private final DataSource ds;

  public Jdbc(DataSource ds) {
    this.ds = ds;
  }

  /** Binds parameters of a statement. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement ps, Connection c) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Binds positional values (String, Integer, Long, Double or null as text). */
  public static Binder values(Object... values) {
    return (ps, c) -> {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
    };
  }

  public <T> List<T> query(String what, String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps, c);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseException(what + " failed: " + e.getMessage(), e);
    }
  }

  public int update(String what, String sql, Binder binder) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps, c);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException(what + " failed: " + e.getMessage(), e);
    }
  }
}
