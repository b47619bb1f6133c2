package org.hearth.nostr.client;

/** Told about problems that do not fail a request (bad frames, invalid events, NOTICEs). */
@FunctionalInterface
public interface IssueListener {
  void onIssue(RelayIssue issue);
}
