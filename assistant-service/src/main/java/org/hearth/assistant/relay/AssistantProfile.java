package org.hearth.assistant.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hearth.assistant.config.ScopeSettings;
import org.hearth.nostr.event.EventTemplate;
import org.hearth.nostr.nip59.Nip17;

/**
 * What an assistant publishes about itself on its relay: a profile marked as a bot (kind 0), its
 * relay list (NIP-65, kind 10002) and its DM relay list (NIP-17, kind 10050), each naming its own
 * relay only.
 */
public final class AssistantProfile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AssistantProfile() {}

  public static List<EventTemplate> templates(ScopeSettings scope) {
    ObjectNode profile = JSON.createObjectNode();
    profile.put("name", scope.relay() + "-assistant");
    profile.put("display_name", "Hearth " + scope.relay() + " assistant");
    profile.put(
        "about",
        "The household's "
            + scope.relay()
            + " assistant. Members of the "
            + scope.relay()
            + " relay can DM me (NIP-17 or NIP-04). Send /help.");
    profile.put("bot", true);
    return List.of(
        EventTemplate.of(0, List.of(), profile.toString()),
        EventTemplate.of(10002, List.of(List.of("r", scope.relayUrl())), ""),
        Nip17.dmRelayList(List.of(scope.relayUrl())));
  }
}
