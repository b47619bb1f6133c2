package org.hearth.assistant.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hearth.nostr.crypto.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path tmp;

  @Test
  void generatesAnOwnerOnlyNsecFileAndReadsItBack() throws Exception {
    KeyFiles files = new KeyFiles(tmp.resolve("keys"));
    PrivateKey first = files.loadOrCreate("family");
    Path file = tmp.resolve("keys/family.nsec");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file)).startsWith("nsec1");
    assertThat(files.loadOrCreate("family")).isEqualTo(first);
    assertThat(files.loadOrCreate("work")).isNotEqualTo(first);
  }

  @Test
  void readsHexKeys() throws Exception {
    PrivateKey key = PrivateKey.generate();
    Files.writeString(tmp.resolve("personal.nsec"), key.hex().toUpperCase() + "\n");
    assertThat(new KeyFiles(tmp).loadOrCreate("personal")).isEqualTo(key);
  }

  @Test
  void aBrokenFileIsATypedErrorThatDoesNotEchoItsContent() throws Exception {
    String almostSecret = "a".repeat(63) + "z";
    Files.writeString(tmp.resolve("family.nsec"), almostSecret);
    assertThatThrownBy(() -> new KeyFiles(tmp).loadOrCreate("family"))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("family.nsec")
        .hasMessageNotContaining(almostSecret);
  }

  @Test
  void refusesRelayNamesThatEscapeTheDirectory() {
    assertThatThrownBy(() -> new KeyFiles(tmp).loadOrCreate("../etc"))
        .isInstanceOf(KeyFileException.class);
  }

  @Test
  void keysNeverPrintTheirSecret() {
    PrivateKey key = new KeyFiles(tmp).loadOrCreate("work");
    assertThat(key.toString()).doesNotContain(key.hex());
  }
}
