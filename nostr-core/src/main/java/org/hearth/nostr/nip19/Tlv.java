package org.hearth.nostr.nip19;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hearth.nostr.DecodeException;

/** NIP-19 type-length-value records: 0 special, 1 relay, 2 author, 3 kind. */
final class Tlv {
  static final int SPECIAL = 0;
  static final int RELAY = 1;
  static final int AUTHOR = 2;
  static final int KIND = 3;

  private Tlv() {}

  /** The TLV records of one entity, grouped by type (unknown types are skipped). */
  record Parsed(List<byte[]> special, List<byte[]> relay, List<byte[]> author, List<byte[]> kind) {
    List<String> relays() {
      List<String> out = new ArrayList<>(relay.size());
      for (byte[] r : relay) {
        out.add(new String(r, StandardCharsets.UTF_8));
      }
      return out;
    }
  }

  static Parsed parse(byte[] data, String entity) {
    Parsed p =
        new Parsed(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int i = 0;
    while (i < data.length) {
      if (i + 2 > data.length) {
        throw new DecodeException(entity + ": truncated TLV record at byte " + i);
      }
      int type = data[i] & 0xff;
      int len = data[i + 1] & 0xff;
      if (i + 2 + len > data.length) {
        throw new DecodeException(
            entity
                + ": TLV type "
                + type
                + " claims "
                + len
                + " bytes, only "
                + (data.length - i - 2)
                + " left");
      }
      byte[] value = java.util.Arrays.copyOfRange(data, i + 2, i + 2 + len);
      switch (type) {
        case SPECIAL -> p.special().add(value);
        case RELAY -> p.relay().add(value);
        case AUTHOR -> p.author().add(value);
        case KIND -> p.kind().add(value);
        default -> {
          // NIP-19: unknown TLV types are ignored.
        }
      }
      i += 2 + len;
    }
    return p;
  }

  static Writer writer() {
    return new Writer();
  }

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer special(byte[] v) {
      return put(SPECIAL, v);
    }

    Writer relays(List<String> relays) {
      for (String r : relays) {
        put(RELAY, r.getBytes(StandardCharsets.UTF_8));
      }
      return this;
    }

    Writer author(byte[] v) {
      return put(AUTHOR, v);
    }

    Writer kind(int kind) {
      return put(
          KIND,
          new byte[] {
            (byte) (kind >>> 24), (byte) (kind >>> 16), (byte) (kind >>> 8), (byte) kind
          });
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    Writer put(int type, byte[] v) {
      if (v.length > 255) {
        throw new IllegalArgumentException(
            "a NIP-19 TLV value is at most 255 bytes, type " + type + " has " + v.length);
      }
      out.write(type);
      out.write(v.length);
      out.writeBytes(v);
      return this;
    }
  }
}
