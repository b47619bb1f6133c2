package org.hearth.cli.shared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.hearth.nostr.NostrException;
import org.hearth.nostr.crypto.PrivateKey;

/**
 * Reads a secret key from a file holding an nsec or 64 hex characters (surrounding whitespace
 * ignored). Refuses files that the group or others may read or write, like ssh does.
 */
public final class KeyFile {
  private static final long MAX_BYTES = 4096;

  private KeyFile() {}

  public static PrivateKey load(Path file) {
    try {
      checkPermissions(file);
      if (Files.size(file) > MAX_BYTES) {
        throw new KeyFileException(file + " is too large to be a key file");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new KeyFileException(file + " is empty; put an nsec or a hex secret key in it");
      }
      try {
        return PrivateKey.parse(text);
      } catch (NostrException | IllegalArgumentException e) {
        throw new KeyFileException(
            file + " does not hold a secret key (expected nsec1… or 64 hex characters)");
      }
    } catch (NoSuchFileException e) {
      throw new KeyFileException("key file " + file + " does not exist");
    } catch (IOException e) {
      throw new KeyFileException("cannot read key file " + file + ": " + e.getMessage());
    }
  }

  private static void checkPermissions(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      return;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    boolean open =
        p.contains(PosixFilePermission.GROUP_READ)
            || p.contains(PosixFilePermission.GROUP_WRITE)
            || p.contains(PosixFilePermission.OTHERS_READ)
            || p.contains(PosixFilePermission.OTHERS_WRITE);
    if (open) {
      throw new KeyFileException(
          "key file "
              + file
              + " is accessible by other users ("
              + PosixFilePermissions.toString(p)
              + "); refusing to use it. Run: chmod 600 "
              + file);
    }
  }
}
