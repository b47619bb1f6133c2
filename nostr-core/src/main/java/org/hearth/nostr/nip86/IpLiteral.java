package org.hearth.nostr.nip86;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever resolving a host name. */
public final class IpLiteral {
  private static final Pattern V4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private IpLiteral() {}

  /** The canonical text of an IPv4 or IPv6 literal, or empty when {@code s} is not one. */
  public static Optional<String> canonical(String s) {
    if (s == null) {
      return Optional.empty();
    }
    boolean v4 = V4.matcher(s).matches();
    boolean v6 = !v4 && s.indexOf(':') >= 0 && V6.matcher(s).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // a literal never triggers a name lookup
      return Optional.of(InetAddress.getByName(s).getHostAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
