import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

/**
 * A real IMAP server for the mail tests: Debian's Dovecot, started in the foreground with a
 * throwaway configuration, one user and Maildir storage in a temporary folder, listening on a
 * free local port (plain IMAP, no TLS). Never the system service.
 *
 * Returns null when Dovecot is not installed (then the tests say so and skip); in CI
 * (`CI=true`) a missing Dovecot is an error, because `.ci/run` installs it.
 */
export const DOVECOT_BINARY = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].find((p) => existsSync(p)) ?? null;

export function dovecotMissingMessage(): string {
  return "Dovecot is not installed: the IMAP tests are skipped. Install it with `apt-get install dovecot-imapd` (the CI script does).";
}

export type TestImapServer = { host: string; port: number; user: string; password: string; directory: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function lookupId(name: string, flag: "-u" | "-g"): number | null {
  const result = spawnSync("id", [flag, name], { encoding: "utf8" });
  return result.status === 0 ? Number(result.stdout.trim()) : null;
}

export async function startDovecot(): Promise<TestImapServer | null> {
  if (!DOVECOT_BINARY) {
    if (process.env.CI === "true") throw new Error(dovecotMissingMessage());
    return null;
  }
  const directory = mkdtempSync(path.join(tmpdir(), "keydesk-dovecot-"));
  const port = await freePort();
  const user = "support@keydesk.test";
  const password = "imap-test-password";
  const root = process.getuid?.() === 0;
  // Dovecot never delivers mail as root: as root the mailbox belongs to `nobody`.
  const mailUid = root ? (lookupId("nobody", "-u") ?? 65534) : process.getuid!();
  const mailGid = root ? (lookupId("nogroup", "-g") ?? lookupId("nobody", "-g") ?? 65534) : process.getgid!();
  const me = userInfo().username;
  const home = path.join(directory, "home");
  mkdirSync(home, { recursive: true });
  mkdirSync(path.join(directory, "run"), { recursive: true });
  mkdirSync(path.join(directory, "state"), { recursive: true });
  if (root) {
    chmodSync(directory, 0o755);
    chownSync(home, mailUid, mailGid);
  }
  writeFileSync(path.join(directory, "users"), `${user}:{PLAIN}${password}::::::\n`);
  const config = `
base_dir = ${directory}/run
state_dir = ${directory}/state
log_path = ${directory}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${home}/%u/Maildir
${root ? "" : `default_login_user = ${me}\ndefault_internal_user = ${me}`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${directory}/users
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${home}/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const configFile = path.join(directory, "dovecot.conf");
  writeFileSync(configFile, config);
  const child: ChildProcess = spawn(DOVECOT_BINARY, ["-F", "-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const log = () => `${output}${existsSync(path.join(directory, "dovecot.log")) ? readFileSync(path.join(directory, "dovecot.log"), "utf8") : ""}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Dovecot stopped at start (exit ${child.exitCode}):\n${log()}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`Dovecot did not listen on port ${port} within 15 s:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    directory,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function canConnect(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("* OK"));
    });
    socket.once("error", () => resolve(false));
    setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 1000);
  });
}
