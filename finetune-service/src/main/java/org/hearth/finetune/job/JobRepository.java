package org.hearth.finetune.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hearth.finetune.db.Database;
import org.hearth.finetune.db.DatabaseException;

/** The {@code finetune.jobs} table. Every state change is one conditional UPDATE. */
@ApplicationScoped
public class JobRepository {
  private final DataSource ds;

  public JobRepository(Database database) {
    this.ds = database.dataSource();
  }

  /** Binds statement parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Inserts a new job; false when its request event already has a job (a request event is executed
   * once).
   */
  public boolean insert(Job j) {
    String sql =
        "INSERT INTO finetune.jobs (id, relay, state, step, total_steps, progress, base_model,"
            + " learning_rate, rank, requested_by, requester, request_event_id, created_at,"
            + " updated_at, artifact_dir) VALUES (?, ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (request_event_id) DO NOTHING";
    return update(
            "inserting job " + j.id(),
            sql,
            ps -> {
              ps.setObject(1, j.id());
              ps.setString(2, j.relay());
              ps.setString(3, j.state().name());
              ps.setInt(4, j.totalSteps());
              ps.setString(5, j.baseModel());
              ps.setDouble(6, j.learningRate());
              ps.setInt(7, j.rank());
              ps.setString(8, j.requestedBy());
              ps.setString(9, j.requester());
              ps.setString(10, j.requestEventId().orElse(null));
              ps.setTimestamp(11, Timestamp.from(j.createdAt()));
              ps.setTimestamp(12, Timestamp.from(j.updatedAt()));
              ps.setString(13, j.artifactDir());
            })
        == 1;
  }

  public Optional<Job> find(UUID id) {
    return query(
            "reading job " + id,
            "SELECT * FROM finetune.jobs WHERE id = ?",
            ps -> ps.setObject(1, id))
        .stream()
        .findFirst();
  }

  public Optional<Job> findByRequestEvent(String eventId) {
    return query(
            "reading the job of event " + eventId,
            "SELECT * FROM finetune.jobs WHERE request_event_id = ?",
            ps -> ps.setString(1, eventId))
        .stream()
        .findFirst();
  }

  /** Jobs, newest first; of one relay when given. */
  public List<Job> list(Optional<String> relay) {
    if (relay.isPresent()) {
      return query(
          "listing jobs",
          "SELECT * FROM finetune.jobs WHERE relay = ? ORDER BY created_at DESC, id",
          ps -> ps.setString(1, relay.get()));
    }
    return query(
        "listing jobs", "SELECT * FROM finetune.jobs ORDER BY created_at DESC, id", ps -> {});
  }

  public List<Job> inState(JobState state) {
    return query(
        "listing " + state + " jobs",
        "SELECT * FROM finetune.jobs WHERE state = ? ORDER BY created_at, id",
        ps -> ps.setString(1, state.name()));
  }

  /** QUEUED -> RUNNING for this worker; empty when another worker (or a cancel) came first. */
  public Optional<Job> claim(UUID id, String worker, Instant now) {
    int n =
        update(
            "claiming job " + id,
            "UPDATE finetune.jobs SET state = 'RUNNING', worker = ?, updated_at = ?,"
                + " started_at = COALESCE(started_at, ?)"
                + " WHERE id = ? AND state = 'QUEUED' AND NOT cancel_requested",
            ps -> {
              ps.setString(1, worker);
              ps.setTimestamp(2, Timestamp.from(now));
              ps.setTimestamp(3, Timestamp.from(now));
              ps.setObject(4, id);
            });
    return n == 1 ? find(id) : Optional.empty();
  }

  /** Progress of a running job. */
  public void progress(
      UUID id,
      JobPhase phase,
      int step,
      double progress,
      Optional<Double> loss,
      Optional<Double> tokensPerSecond,
      Instant now) {
    update(
        "recording progress of job " + id,
        "UPDATE finetune.jobs SET phase = ?, step = ?, progress = ?, loss = COALESCE(?, loss),"
            + " tokens_per_second = COALESCE(?, tokens_per_second), updated_at = ?"
            + " WHERE id = ? AND state = 'RUNNING'",
        ps -> {
          ps.setString(1, phase.name());
          ps.setInt(2, step);
          ps.setDouble(3, progress);
          ps.setObject(4, loss.orElse(null));
          ps.setObject(5, tokensPerSecond.orElse(null));
          ps.setTimestamp(6, Timestamp.from(now));
          ps.setObject(7, id);
        });
  }

  public void setInputsHash(UUID id, String hash, String manifestPath, Instant now) {
    update(
        "recording the inputs of job " + id,
        "UPDATE finetune.jobs SET inputs_hash = ?, manifest_path = ?, updated_at = ? WHERE id = ?",
        ps -> {
          ps.setString(1, hash);
          ps.setString(2, manifestPath);
          ps.setTimestamp(3, Timestamp.from(now));
          ps.setObject(4, id);
        });
  }

  public void setCheckpoint(UUID id, String path, int step, Instant now) {
    update(
        "recording the checkpoint of job " + id,
        "UPDATE finetune.jobs SET checkpoint_path = ?, checkpoint_step = ?, updated_at = ?"
            + " WHERE id = ?",
        ps -> {
          ps.setString(1, path);
          ps.setInt(2, step);
          ps.setTimestamp(3, Timestamp.from(now));
          ps.setObject(4, id);
        });
  }

  /** Records artifact paths (a null leaves a column as it is). */
  public void setArtifacts(
      UUID id, String adapter, String lossSvg, String lossPng, String report, Instant now) {
    update(
        "recording the artifacts of job " + id,
        "UPDATE finetune.jobs SET adapter_path = COALESCE(?, adapter_path),"
            + " loss_svg_path = COALESCE(?, loss_svg_path), loss_png_path = COALESCE(?,"
            + " loss_png_path), report_path = COALESCE(?, report_path), updated_at = ? WHERE id = ?",
        ps -> {
          ps.setString(1, adapter);
          ps.setString(2, lossSvg);
          ps.setString(3, lossPng);
          ps.setString(4, report);
          ps.setTimestamp(5, Timestamp.from(now));
          ps.setObject(6, id);
        });
  }

  /**
   * Ends a job that has not ended yet.
   *
   * @return false when it had already ended
   */
  public boolean finish(
      UUID id, JobState state, Optional<String> error, Optional<String> model, Instant now) {
    double progressAtEnd = state == JobState.SUCCEEDED ? 1.0 : -1;
    return update(
            "ending job " + id,
            "UPDATE finetune.jobs SET state = ?, error = ?, model = COALESCE(?, model),"
                + " progress = CASE WHEN ? >= 0 THEN ? ELSE progress END, updated_at = ?,"
                + " finished_at = ? WHERE id = ? AND state IN ('QUEUED', 'RUNNING')",
            ps -> {
              ps.setString(1, state.name());
              ps.setString(2, error.orElse(null));
              ps.setString(3, model.orElse(null));
              ps.setDouble(4, progressAtEnd);
              ps.setDouble(5, progressAtEnd);
              ps.setTimestamp(6, Timestamp.from(now));
              ps.setTimestamp(7, Timestamp.from(now));
              ps.setObject(8, id);
            })
        == 1;
  }

  /** RUNNING -> QUEUED (to be resumed from its checkpoint). */
  public boolean requeue(UUID id, Instant now) {
    return update(
            "re-queueing job " + id,
            "UPDATE finetune.jobs SET state = 'QUEUED', worker = NULL, updated_at = ?"
                + " WHERE id = ? AND state = 'RUNNING'",
            ps -> {
              ps.setTimestamp(1, Timestamp.from(now));
              ps.setObject(2, id);
            })
        == 1;
  }

  /** Marks a running job for cancellation; its worker ends it at the next step. */
  public boolean requestCancel(UUID id, Instant now) {
    return update(
            "cancelling job " + id,
            "UPDATE finetune.jobs SET cancel_requested = TRUE, updated_at = ?"
                + " WHERE id = ? AND state IN ('QUEUED', 'RUNNING')",
            ps -> {
              ps.setTimestamp(1, Timestamp.from(now));
              ps.setObject(2, id);
            })
        == 1;
  }

  /** QUEUED -> CANCELLED; false when the job is no longer queued. */
  public boolean cancelQueued(UUID id, Instant now) {
    return update(
            "cancelling queued job " + id,
            "UPDATE finetune.jobs SET state = 'CANCELLED', cancel_requested = TRUE,"
                + " updated_at = ?, finished_at = ? WHERE id = ? AND state = 'QUEUED'",
            ps -> {
              ps.setTimestamp(1, Timestamp.from(now));
              ps.setTimestamp(2, Timestamp.from(now));
              ps.setObject(3, id);
            })
        == 1;
  }

  /** True when the job should stop: cancel requested, ended elsewhere, or gone. */
  public boolean shouldStop(UUID id) {
    return find(id).map(j -> j.cancelRequested() || j.state().ended()).orElse(true);
  }

  private List<Job> query(String what, String sql, Binder binder) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      List<Job> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DatabaseException(what + " failed: " + e.getMessage(), e);
    }
  }

  private int update(String what, String sql, Binder binder) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DatabaseException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static Job map(ResultSet rs) throws SQLException {
    return new Job(
        rs.getObject("id", UUID.class),
        rs.getString("relay"),
        JobState.valueOf(rs.getString("state")),
        Optional.ofNullable(rs.getString("phase")).map(JobPhase::valueOf),
        rs.getInt("step"),
        rs.getInt("total_steps"),
        rs.getDouble("progress"),
        optDouble(rs, "loss"),
        optDouble(rs, "tokens_per_second"),
        Optional.ofNullable(rs.getString("error")),
        Optional.ofNullable(rs.getString("model")),
        rs.getString("base_model"),
        rs.getDouble("learning_rate"),
        rs.getInt("rank"),
        rs.getString("requested_by"),
        rs.getString("requester"),
        Optional.ofNullable(rs.getString("request_event_id")),
        rs.getBoolean("cancel_requested"),
        Optional.ofNullable(rs.getString("inputs_hash")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        optInstant(rs, "started_at"),
        optInstant(rs, "finished_at"),
        rs.getString("artifact_dir"),
        Optional.ofNullable(rs.getString("adapter_path")),
        Optional.ofNullable(rs.getString("loss_svg_path")),
        Optional.ofNullable(rs.getString("loss_png_path")),
        Optional.ofNullable(rs.getString("report_path")),
        Optional.ofNullable(rs.getString("manifest_path")),
        Optional.ofNullable(rs.getString("checkpoint_path")),
        Optional.ofNullable((Integer) rs.getObject("checkpoint_step")),
        Optional.ofNullable(rs.getString("worker")));
  }

  private static Optional<Double> optDouble(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? Optional.empty() : Optional.of(v);
  }

  private static Optional<Instant> optInstant(ResultSet rs, String col) throws SQLException {
    Timestamp t = rs.getTimestamp(col);
    return t == null ? Optional.empty() : Optional.of(t.toInstant());
  }
}
