package org.hearth.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.hearth.cli.ExitCodes;
import org.hearth.cli.HearthCli;
import org.hearth.nostr.crypto.PrivateKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminCommandTest {
  private static final PrivateKey ADMIN = PrivateKey.fromHex("0f".repeat(32));
  private static final PrivateKey ALICE = PrivateKey.fromHex("1a".repeat(32));
  @TempDir Path dir;
  private FakeRelay relay;
  private Path keyFile;
  private String out;
  private String err;

  @BeforeEach
  void start() throws IOException {
    relay = new FakeRelay();
    keyFile = dir.resolve("admin.key");
    Files.writeString(keyFile, ADMIN.nsec() + "\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("admin", "--relay", relay.wsUrl()));
    all.addAll(List.of("--key-file", keyFile.toString()));
    all.addAll(List.of(args));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code =
        HearthCli.commandLine(new PrintWriter(o), new PrintWriter(e))
            .execute(all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void addsAMemberFromAnNpubSignedByTheKeyFile() {
    assertThat(run("members", "add", ALICE.publicKey().npub())).isZero();
    assertThat(relay.last().pubkey()).isEqualTo(ADMIN.publicKey().hex());
    assertThat(relay.last().request().method()).isEqualTo("assignrole");
    assertThat(relay.lastParams().get(0).textValue()).isEqualTo(ALICE.publicKey().hex());
    assertThat(relay.lastParams().get(1).textValue()).isEqualTo("member");
    assertThat(out).isEqualTo("added " + ALICE.publicKey().hex() + " as member\n");
  }

  @Test
  void serviceGrantsCarryKindsAndExpiry() {
    assertThat(
            run(
                "members",
                "add",
                ALICE.publicKey().hex(),
                "--role",
                "service",
                "--read-kinds",
                "1,4",
                "--write-kinds",
                "1",
                "--expires",
                "30d"))
        .isZero();
    assertThat(relay.last().request().method()).isEqualTo("grantrole");
    var opts = relay.lastParams().get(2);
    assertThat(opts.get("read_kinds").toString()).isEqualTo("[1,4]");
    assertThat(opts.get("write_kinds").toString()).isEqualTo("[1]");
    long expires = opts.get("expires_at").longValue();
    assertThat(expires - java.time.Instant.now().getEpochSecond()).isBetween(2591000L, 2592001L);
  }

  @Test
  void listsInWordsOrJson() {
    relay.answers.put(
        "listmembers",
        "{\"result\":[{\"pubkey\":\""
            + ALICE.publicKey().hex()
            + "\",\"role\":\"member\",\"expires_at\":null}]}");
    assertThat(run("members", "list")).isZero();
    assertThat(out).isEqualTo("pubkey=" + ALICE.publicKey().hex() + "  role=member\n");
    assertThat(run("--json", "members", "list")).isZero();
    assertThat(out.strip()).startsWith("[{\"pubkey\":").endsWith("}]");
    relay.answers.put("listbannedpubkeys", "{\"result\":[]}");
    assertThat(run("banned")).isZero();
    assertThat(out).isEqualTo("(none)\n");
  }

  @Test
  void refusalsArePlainWords() {
    relay.answers.put(
        "banpubkey", "{\"result\":null,\"error\":\"only owner and admins may do this\"}");
    assertThat(run("ban", ALICE.publicKey().hex())).isEqualTo(ExitCodes.REFUSED);
    assertThat(err).isEqualTo("hearth: the relay refused: only owner and admins may do this\n");
    assertThat(out).isEmpty();
  }

  @Test
  void badPubkeysAreUsageErrors() {
    assertThat(run("members", "remove", "npub1nope")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("not a public key").doesNotContain("Exception");
    assertThat(relay.calls).isEmpty();
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws IOException {
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run("members", "list")).isEqualTo(ExitCodes.KEY_FILE);
    assertThat(err).contains("accessible by other users").contains("chmod 600");
    assertThat(err).doesNotContain(ADMIN.nsec()).doesNotContain(ADMIN.hex());
    assertThat(relay.calls).isEmpty();
  }

  @Test
  void keyFileProblemsNeverEchoTheFile() throws IOException {
    Files.writeString(keyFile, "nsec1" + "q".repeat(40));
    assertThat(run("members", "list")).isEqualTo(ExitCodes.KEY_FILE);
    assertThat(err).contains("does not hold a secret key").doesNotContain("qqqq");
    Files.delete(keyFile);
    assertThat(run("members", "list")).isEqualTo(ExitCodes.KEY_FILE);
    assertThat(err).contains("does not exist");
  }

  @Test
  void hexKeyFilesWork() throws IOException {
    Files.writeString(keyFile, "  " + ADMIN.hex() + "  \n");
    assertThat(run("whoami")).isZero();
    assertThat(relay.last().pubkey()).isEqualTo(ADMIN.publicKey().hex());
  }

  @Test
  void unreachableRelayIsSaidPlainly() {
    relay.close();
    assertThat(run("members", "list")).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err).startsWith("hearth: cannot reach http://127.0.0.1:");
  }

  @Test
  void relayInfoReadsNip11WithoutAKey() {
    assertThat(run("relay", "info")).isZero();
    assertThat(out).contains("name: family").contains("supported_nips: [1,11,42,86]");
    assertThat(relay.calls).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "members remove KEY|unallowpubkey",
        "members role KEY admin|assignrole",
        "members unrole KEY admin|unassignrole",
        "roles list|listroles",
        "roles create kid --label Kid --color 120 --order 3|createrole",
        "roles edit kid --label Child|editrole",
        "roles delete kid|deleterole",
        "invites create --expires 2d|createinvite",
        "invites revoke abc|revokeinvite",
        "invites list|listinvites",
        "audit|listauditlog",
        "audit access|listadminaccess",
        "relay stats|relaystats",
        "relay methods|supportedmethods",
        "relay name Family|changerelayname",
        "relay description Ours|changerelaydescription",
        "relay icon https://x/i.png|changerelayicon",
        "kinds list|listallowedkinds",
        "kinds allow 7|allowkind",
        "kinds disallow 7|disallowkind",
        "ips list|listblockedips",
        "ips block 10.0.0.9 --reason spam|blockip",
        "ips unblock 10.0.0.9|unblockip",
        "events moderation|listeventsneedingmoderation",
        "events allow EVT|allowevent",
        "events ban EVT --reason bad|banevent",
        "events banned|listbannedevents",
        "ban KEY --reason spam|banpubkey",
        "unban KEY|unbanpubkey",
        "banned|listbannedpubkeys",
        "allow KEY|allowpubkey",
        "unallow KEY|unallowpubkey",
        "allowed|listallowedpubkeys",
        "whoami|whoami"
      })
  void everyCommandCallsItsMethod(String args, String method) {
    String[] a =
        args.replace("KEY", ALICE.publicKey().hex()).replace("EVT", "e".repeat(64)).split(" ");
    assertThat(run(a)).as(err).isZero();
    assertThat(relay.last().request().method()).isEqualTo(method);
  }

  @Test
  void invitesCarryRoleAndLifetime() {
    assertThat(run("invites", "create", "--role", "reader", "--expires", "2d")).isZero();
    assertThat(relay.lastParams().get(0).textValue()).isEqualTo("reader");
    assertThat(relay.lastParams().get(1).longValue()).isEqualTo(172800L);
    assertThat(run("invites", "create", "--expires", "soon")).isEqualTo(ExitCodes.USAGE);
    assertThat(err).contains("not a duration");
  }
}
