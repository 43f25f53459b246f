/**
 * Starts a private Mosquitto (`/usr/sbin/mosquitto`) on a free port, for tests and the benchmark,
 * and stops it afterwards. Two configurations:
 * - `ingest-test` (default): deploy/mosquitto/ingest-test.conf, anonymous, in memory;
 * - `deploy`: the shipped deploy/mosquitto/mosquitto.conf with its ACL and a password file, its
 *   container paths rewritten to a temp directory (persistence there), for the ACL and
 *   broker-restart tests. `kill9()` and `restart()` crash and restart it on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MOSQUITTO_BIN = process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto';
const DEPLOY = new URL('../../deploy/mosquitto/', import.meta.url);

export interface LocalMosquittoOptions {
  config?: 'ingest-test' | 'deploy';
  /** deploy: the password file to use (default: the shipped demo passwd). */
  passwordFile?: string;
  /** deploy: override the shipped autosave_interval (seconds), so a crash test runs in seconds. */
  autosaveIntervalS?: number;
}

export interface LocalMosquitto {
  url: string;
  port: number;
  /** The persistence directory (deploy), kept across restart(). */
  dataDir: string;
  process: ChildProcess;
  /** SIGKILL: no final save of the in-memory database. */
  kill9(): Promise<void>;
  /** Start again on the same port with the same configuration and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`mosquitto did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function deployConf(port: number, dir: string, options: LocalMosquittoOptions): string {
  let conf = readFileSync(new URL('mosquitto.conf', DEPLOY), 'utf8')
    .replace(/^listener 1883$/m, `listener ${port} 127.0.0.1`)
    .replace(/^persistence_location .*$/m, `persistence_location ${dir}/`)
    .replace(/^password_file .*$/m, `password_file ${options.passwordFile ?? fileURLToPath(new URL('passwd', DEPLOY))}`)
    .replace(/^acl_file .*$/m, `acl_file ${fileURLToPath(new URL('acl', DEPLOY))}`)
    .replace(/^log_dest .*$/m, 'log_dest stderr');
  if (options.autosaveIntervalS !== undefined) conf = conf.replace(/^autosave_interval .*$/m, `autosave_interval ${options.autosaveIntervalS}`);
  // Started as root, Mosquitto drops to the user `mosquitto`, which cannot write our temp directory.
  return `user ${userInfo().username}\n${conf}`;
}

export async function startLocalMosquitto(options: LocalMosquittoOptions = {}): Promise<LocalMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ingest-mosquitto-'));
  const confPath = join(dir, 'mosquitto.conf');
  writeFileSync(confPath, options.config === 'deploy'
    ? deployConf(port, dir, options)
    : `${readFileSync(new URL('ingest-test.conf', DEPLOY), 'utf8')}\nlistener ${port} 127.0.0.1\n`);

  let child: ChildProcess;
  let stderr = '';
  const spawnBroker = async () => {
    child = spawn(MOSQUITTO_BIN, ['-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    try {
      await waitForPort(port, 5000);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`${(err as Error).message}: ${stderr}`, { cause: err });
    }
  };
  const ended = (c: ChildProcess, signal: NodeJS.Signals) => new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill(signal);
  });
  await spawnBroker();

  const broker: LocalMosquitto = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    dataDir: dir,
    get process() {
      return child;
    },
    kill9: () => ended(child, 'SIGKILL'),
    restart: spawnBroker,
    stop: async () => {
      await ended(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return broker;
}
