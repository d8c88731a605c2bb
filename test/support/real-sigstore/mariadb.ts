// A throwaway MariaDB (Debian's mariadb-server) for Trillian and Rekor's search index: its own data
// directory, no TCP at all (--skip-networking), reached through a unix socket.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { startProcess, type ManagedProcess } from '../process.js';

const execFileAsync = promisify(execFile);

export interface MariaDb {
  socketPath: string;
  /** A go-sql-driver DSN for `database` (what Trillian's --mysql_uri and Rekor's DSN take). */
  dsn(database: string): string;
  /** Runs SQL through the mariadb client. */
  sql(statements: string, database?: string): Promise<void>;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startMariaDb(dir: string): Promise<MariaDb> {
  const datadir = join(dir, 'mysql');
  const socketPath = join(dir, 'mysqld.sock');
  // mariadbd refuses to run as root unless told to; as anyone else --user is ignored.
  const user = userInfo().username;
  await execFileAsync(
    'mariadb-install-db',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--user=${user}`,
      // A root without a password, reachable only through this socket in a private directory.
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { maxBuffer: 16 << 20 },
  );
  const proc = await startProcess('mariadbd', [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${socketPath}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--user=${user}`,
    '--skip-networking',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=64M',
    '--innodb-flush-log-at-trx-commit=2',
  ]);
  const client = (args: string[], input?: string) =>
    new Promise<void>((resolve, reject) => {
      const child = execFile('mariadb', [`--socket=${socketPath}`, '-uroot', ...args], (err, _out, stderr) =>
        err ? reject(new Error(`mariadb ${args.join(' ')}: ${stderr || err.message}`)) : resolve(),
      );
      child.stdin?.end(input ?? '');
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await execFileAsync('mariadb-admin', [`--socket=${socketPath}`, '-uroot', 'ping']);
      break;
    } catch (err) {
      if (!proc.running() || Date.now() > deadline) {
        const output = proc.output();
        await proc.stop();
        throw new Error(`MariaDB did not start: ${(err as Error).message}\n${output}`);
      }
      await sleep(200);
    }
  }
  return {
    socketPath,
    dsn: (database) => `root@unix(${socketPath})/${database}?parseTime=true`,
    sql: (statements, database) => client(database ? [database] : [], statements),
    process: proc,
    stop: () => proc.stop(),
  };
}
