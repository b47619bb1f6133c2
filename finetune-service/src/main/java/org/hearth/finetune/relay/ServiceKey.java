package org.hearth.finetune.relay;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.hearth.finetune.config.FinetuneConfig;
import org.hearth.nostr.crypto.LocalSigner;
import org.hearth.nostr.crypto.PrivateKey;
import org.jboss.logging.Logger;

/**
 * The service's own Nostr key, from {@code hearth.finetune.key-file} (env {@code
 * HEARTH_FINETUNE_KEY_FILE}): an nsec or 64 hex digits; generated and written with permissions 0600
 * (directory 0700) when the file is missing. The secret is never logged or put in a message.
 */
@ApplicationScoped
public class ServiceKey {
  private static final Logger LOG = Logger.getLogger(ServiceKey.class);
  private static final long MAX_FILE_BYTES = 1024;

  private final Path file;
  private volatile LocalSigner signer;

  public ServiceKey(FinetuneConfig config) {
    this.file = config.keyFile();
  }

  public synchronized LocalSigner signer() {
    if (signer == null) {
      signer = new LocalSigner(loadOrCreate());
    }
    return signer;
  }

  private PrivateKey loadOrCreate() {
    if (Files.exists(file)) {
      return read();
    }
    PrivateKey key = PrivateKey.generate();
    try {
      Path dir = file.toAbsolutePath().getParent();
      boolean posix =
          Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
      if (!Files.isDirectory(dir)) {
        if (posix) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
      }
      Path created =
          posix
              ? Files.createFile(
                  file,
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createFile(file);
      Files.writeString(created, key.nsec() + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException raced) {
      return read();
    } catch (IOException e) {
      throw new IllegalStateException("cannot create key file " + file + ": " + e.getMessage(), e);
    }
    LOG.infof("generated the fine-tune service key %s in %s", key.publicKey().hex(), file);
    return key;
  }

  private PrivateKey read() {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalStateException(
            "key file " + file + " is larger than " + MAX_FILE_BYTES + " B");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warnf("key file %s is readable by group or others; chmod 600 it", file);
      }
    } catch (UnsupportedOperationException e) {
      return parse(readQuietly());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
    return parse(text);
  }

  private String readQuietly() {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  private PrivateKey parse(String text) {
    try {
      return PrivateKey.parse(text.strip());
    } catch (RuntimeException e) {
      // the cause's message could echo part of the secret: drop it
      throw new IllegalStateException(
          "key file " + file + " holds neither an nsec nor 64 hex digits");
    }
  }
}
