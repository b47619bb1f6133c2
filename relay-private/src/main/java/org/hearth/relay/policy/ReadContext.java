package org.hearth.relay.policy;

import java.util.List;
import java.util.Set;
import org.hearth.nostr.filter.Filter;
import org.hearth.relay.config.RelayConfig;
import org.hearth.relay.config.RelaySettings;

/**
 * Everything a read policy may look at.
 *
 * @param authed the keys authenticated on the connection
 * @param readers those of them that hold a read right on the relay
 */
public record ReadContext(
    RelaySettings relay,
    Set<String> authed,
    List<String> readers,
    List<Filter> filters,
    RelayConfig.Limits limits) {}
