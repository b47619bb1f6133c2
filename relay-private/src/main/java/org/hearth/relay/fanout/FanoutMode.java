package org.hearth.relay.fanout;

/** How accepted events reach live subscribers ({@code hearth.relay.fanout.mode}). */
public enum FanoutMode {
  /** One replica: in-process only, no broker. */
  IN_MEMORY,
  /** Several replicas: in-process plus a RabbitMQ fan-out exchange. */
  RABBITMQ
}
