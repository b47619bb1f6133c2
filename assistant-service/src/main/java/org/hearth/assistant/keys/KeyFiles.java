package org.hearth.assistant.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.regex.Pattern;
import org.hearth.assistant.nostr.Nip19;
import org.hearth.nostr.crypto.PrivateKey;
import org.jboss.logging.Logger;

/**
 * Loads or creates an assistant's key file ({@code <dir>/<relay>.nsec}, holding an nsec or 64 hex
 * characters). New files are created with permissions 0600 (directory 0700). Nothing here ever logs
 * or throws the secret.
 */
public final class KeyFiles {
  private static final Logger LOG = Logger.getLogger(KeyFiles.class);
  private static final Pattern RELAY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final long MAX_FILE_BYTES = 1024;

  private final Path dir;

  public KeyFiles(Path dir) {
    this.dir = dir;
  }

  /** The key file of a relay. */
  public Path fileOf(String relay) {
    if (!RELAY_NAME.matcher(relay).matches()) {
      throw new KeyFileException("relay name '" + relay + "' is not a plain lower-case name");
    }
    return dir.resolve(relay + ".nsec");
  }

  /** The relay's key: read from its file, or generated and written when the file is missing. */
  public PrivateKey loadOrCreate(String relay) {
    Path file = fileOf(relay);
    if (Files.exists(file)) {
      return read(file);
    }
    PrivateKey key = PrivateKey.generate();
    try {
      createDirectory();
      Files.writeString(createPrivateFile(file), Nip19.nsec(key) + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException raced) {
      return read(file);
    } catch (IOException e) {
      throw new KeyFileException("cannot create key file " + file + ": " + e.getMessage(), e);
    }
    LOG.infof("generated a new key for relay %s in %s", relay, file);
    return key;
  }

  private PrivateKey read(Path file) {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KeyFileException("key file " + file + " is larger than " + MAX_FILE_BYTES + " B");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyFileException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
    warnIfReadableByOthers(file);
    try {
      return Nip19.parsePrivateKey(text.strip());
    } catch (RuntimeException e) {
      // The cause's message could echo part of the input: drop it.
      throw new KeyFileException("key file " + file + " holds neither an nsec nor 64 hex digits");
    }
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (isPosix(dir.toAbsolutePath().getRoot())) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static Path createPrivateFile(Path file) throws IOException {
    if (isPosix(file.getParent())) {
      FileAttribute<Set<PosixFilePermission>> owner =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return Files.createFile(file, owner);
    }
    return Files.createFile(file);
  }

  private static void warnIfReadableByOthers(Path file) {
    if (!isPosix(file.getParent())) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warnf("key file %s is readable by group or others; chmod 600 it", file);
      }
    } catch (IOException e) {
      LOG.debugf("cannot read permissions of %s: %s", file, e.getMessage());
    }
  }

  private static boolean isPosix(Path anyPath) {
    return anyPath != null
        && Files.getFileAttributeView(anyPath, PosixFileAttributeView.class) != null;
  }
}
