package org.hearth.nostr.nip86;

/** A method callable over the NIP-86 endpoint: one of the NIP's or a Hearth extension. */
public sealed interface RpcMethod permits Nip86Method, HearthMethod {
  /** The name on the wire. */
  String wireName();

  int minParams();

  int maxParams();

  /** The known method (NIP-86 first, then Hearth's) with this exact wire name. */
  static java.util.Optional<RpcMethod> fromWire(String name) {
    return Nip86Method.fromWire(name)
        .<RpcMethod>map(m -> m)
        .or(() -> HearthMethod.fromWire(name).map(m -> m));
  }

  /** The element of {@code methods} with this exact wire name. */
  static <M extends RpcMethod> java.util.Optional<M> find(M[] methods, String name) {
    for (M m : methods) {
      if (m.wireName().equals(name)) {
        return java.util.Optional.of(m);
      }
    }
    return java.util.Optional.empty();
  }
}
