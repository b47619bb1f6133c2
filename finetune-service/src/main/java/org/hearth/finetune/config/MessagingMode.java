package org.hearth.finetune.config;

/** Where the job channel runs. */
public enum MessagingMode {
  /** Inside this process (one replica). */
  IN_MEMORY,
  /** Through a durable RabbitMQ queue shared by the replicas. */
  RABBITMQ
}
