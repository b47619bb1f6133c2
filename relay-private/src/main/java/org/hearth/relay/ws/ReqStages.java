package org.hearth.relay.ws;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The stages of one REQ, as a JDK Flight Recorder event: recorded only while a recording that
 * enables {@code hearth.ReqStages} runs (e.g. {@code -XX:StartFlightRecording}); otherwise the REQ
 * path pays one {@link #on()} check and takes no timestamps. Every field is the time from the REQ
 * frame's arrival at the endpoint to the end of a stage, so the fields grow: decoded, checked
 * (rate, policy, live subscription), query submitted, rows back, frames queued, EOSE flushed. Read
 * a recording with {@code jfr print --events hearth.ReqStages}; docs/benchmarks.md shows how the
 * stage percentiles were computed.
 */
@Name("hearth.ReqStages")
@Label("REQ stages")
@Category("Hearth")
@Description("Times from a REQ frame's arrival to the end of each stage of its stored-event answer")
@StackTrace(false)
final class ReqStages extends Event {
  private static final EventType TYPE = EventType.getEventType(ReqStages.class);

  @Label("Decoded")
  @Timespan
  long decoded;

  @Label("Checked")
  @Timespan
  long checked;

  @Label("Submitted")
  @Timespan
  long submitted;

  @Label("Rows back")
  @Timespan
  long rows;

  @Label("Frames queued")
  @Timespan
  long queued;

  @Label("EOSE flushed")
  @Timespan
  long flushed;

  @Label("Rows")
  int rowCount;

  @Label("Rows on the arrival thread")
  @Description("True when the query result was handled on the thread that read the REQ frame")
  boolean sameThread;

  private final transient long arrived;
  private final transient Thread arrivalThread = Thread.currentThread();

  private ReqStages(long arrived) {
    this.arrived = arrived;
  }

  /** True while a recording takes these events (one volatile read). */
  static boolean on() {
    return TYPE.isEnabled();
  }

  /** A trace for a frame that arrived at {@code arrivedNanos}, or null when not recording. */
  static ReqStages start(long arrivedNanos) {
    return arrivedNanos != 0 && on() ? new ReqStages(arrivedNanos) : null;
  }

  private long since() {
    return System.nanoTime() - arrived;
  }

  void decoded() {
    decoded = since();
  }

  void checked() {
    checked = since();
  }

  void submitted() {
    submitted = since();
  }

  void rows(int count) {
    rows = since();
    rowCount = count;
    sameThread = Thread.currentThread() == arrivalThread;
  }

  void queued() {
    queued = since();
  }

  /** Ends the trace (once the EOSE is flushed) and records it. */
  void flushed() {
    flushed = since();
    commit();
  }
}
