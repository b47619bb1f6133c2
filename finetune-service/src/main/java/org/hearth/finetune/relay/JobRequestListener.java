package org.hearth.finetune.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hearth.finetune.config.Admins;
import org.hearth.finetune.job.JobRequest;
import org.hearth.finetune.job.JobRequestException;
import org.hearth.finetune.job.JobService;
import org.hearth.nostr.event.Event;
import org.jboss.logging.Logger;

/**
 * Turns kind-5970 events from a relay into jobs on that relay. The relay already checked the
 * author's role (owner, admin or service); a request whose author is not one of this service's
 * admins is taken as a service's and must name the admin it acts for ({@code requested-by}),
 * otherwise it is refused with a 7000 {@code error}. A request event is executed once.
 */
@ApplicationScoped
public class JobRequestListener {
  private static final Logger LOG = Logger.getLogger(JobRequestListener.class);

  private final JobService jobs;
  private final Admins admins;
  private final ServiceKey key;
  private final JobNotifications notifications;

  public JobRequestListener(
      JobService jobs, Admins admins, ServiceKey key, JobNotifications notifications) {
    this.jobs = jobs;
    this.admins = admins;
    this.key = key;
    this.notifications = notifications;
  }

  /** Handles one request event seen on {@code relay}; never throws. */
  public void onRequest(String relay, Event e) {
    try {
      handle(relay, e);
    } catch (RuntimeException err) {
      LOG.errorf(err, "job request %s on %s could not be handled", e.id(), relay);
    }
  }

  private void handle(String relay, Event e) {
    if (e.kind() != JobKinds.REQUEST) {
      return;
    }
    List<String> addressed = e.tagValues("p");
    if (!addressed.isEmpty() && !addressed.contains(key.signer().publicKey().hex())) {
      return; // meant for another fine-tune service
    }
    String requestedBy;
    if (admins.isAdmin(relay, e.pubkey())) {
      requestedBy = e.pubkey();
    } else {
      Optional<String> onBehalf = e.firstTagValue("requested-by");
      if (onBehalf.isEmpty()) {
        notifications.refused(
            relay,
            e,
            "a request signed by a service key must name the admin it acts for (requested-by)");
        return;
      }
      requestedBy = onBehalf.get().toLowerCase(Locale.ROOT);
      if (!requestedBy.matches("[0-9a-f]{64}")) {
        notifications.refused(relay, e, "requested-by must be a hex public key");
        return;
      }
    }
    JobRequest request;
    try {
      request =
          new JobRequest(
              relay,
              param(e, "base_model"),
              param(e, "steps").map(v -> parseInt("steps", v)),
              param(e, "learning_rate").map(v -> parseDouble("learning_rate", v)),
              param(e, "rank").map(v -> parseInt("rank", v)),
              requestedBy,
              e.pubkey(),
              Optional.of(e.id()));
    } catch (IllegalArgumentException bad) {
      notifications.refused(relay, e, bad.getMessage());
      return;
    }
    try {
      JobService.Submission s = jobs.submit(request);
      if (s.created()) {
        LOG.infof("job %s requested on %s by event %s", s.job().id(), relay, e.id());
      } else {
        LOG.debugf("request %s already has job %s", e.id(), s.job().id());
      }
    } catch (JobRequestException bad) {
      notifications.refused(relay, e, bad.getMessage());
    }
  }

  private static Optional<String> param(Event e, String name) {
    for (List<String> tag : e.tags()) {
      if (tag.size() >= 3 && tag.get(0).equals("param") && tag.get(1).equals(name)) {
        return Optional.of(tag.get(2).strip());
      }
    }
    return Optional.empty();
  }

  private static int parseInt(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("param " + name + " must be an integer");
    }
  }

  private static double parseDouble(String name, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("param " + name + " must be a number");
    }
  }
}
