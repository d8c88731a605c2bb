/** A layer blob as a tar stream: the compression picked from its first bytes, not its media type. */
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';

type Compression = 'gzip' | 'zstd' | 'none';

function detectCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // RFC 8878 frame magic 28 b5 2f fd.
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Reads the first bytes to pick the decompressor, then streams the whole blob through it. */
export async function openTar(
  source: Readable | AsyncIterable<Buffer>,
  count: (n: number) => void,
): Promise<Readable> {
  const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let seen = 0;
  while (seen < 4) {
    const r = await it.next();
    if (r.done) break;
    head.push(r.value);
    seen += r.value.length;
    count(r.value.length);
  }
  const first = Buffer.concat(head);
  const kind = detectCompression(first);
  const raw = Readable.from(
    (async function* () {
      try {
        yield first;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          count(r.value.length);
          yield r.value;
        }
      } finally {
        // An abandoned layer must free its download (and its digest check must never half-pass).
        await it.return?.();
      }
    })(),
  );
  if (kind === 'none') return raw;
  // 256 KiB output chunks instead of zlib's 16 KiB: each chunk costs a threadpool round trip and a
  // main-thread callback, which at 16 KiB was the largest item of a profile over a 224 MB layer.
  const chunkSize = 256 * 1024;
  const decoder =
    kind === 'gzip' ? zlib.createGunzip({ chunkSize }) : zlib.createZstdDecompress({ chunkSize });
  return pipeline(raw, decoder, () => undefined);
}

export function waitDrain(w: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      w.off('drain', done);
      w.off('close', done);
      resolve();
    };
    w.on('drain', done);
    w.on('close', done);
  });
}
