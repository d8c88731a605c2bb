import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExitCleanup } from './process.js';

/**
 * Temp directories a test support module owns: removed by its cleanup function, or at process exit
 * (and on signals) for runs that never get there.
 */
export class TempDirs {
  private readonly dirs = new Set<string>();

  constructor() {
    onExitCleanup(() => {
      for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    });
  }

  async make(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.dirs.add(dir);
    return dir;
  }

  forget(dir: string): void {
    this.dirs.delete(dir);
  }

  async removeAll(): Promise<void> {
    const dirs = [...this.dirs];
    this.dirs.clear();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}
