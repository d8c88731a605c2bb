// A loopback Rekor v1 (the API cosign and sigstore-js's RekorWitness talk to), storing entries the
// way rekor-server v1.5.4 does, with a real RFC 6962 tree (./merkle.ts):
//  - pkg/api/entries.go createLogEntry: the leaf is types.CanonicalizeEntry (the type's
//    Canonicalize(), then RFC 8785 JCS); a duplicate leaf is 409 with Location of the existing
//    entry; success is 201 with Location and ETag. The entry id is treeID (16 hex) + leaf hash.
//  - signEntry: the SET is the log key's signature over JCS({body, integratedTime, logID,
//    logIndex}); logID = hex sha256 of the key's DER SPKI.
//  - pkg/util/checkpoint.go + signed_note.go: checkpoint "<origin>\n<size>\n<b64 root>\n", origin
//    "<hostname> - <treeID>", signed-note line "— <hostname> <b64(4-byte key hash ‖ sig)>". The
//    hostname is "127.0.0.1:<port>" because @sigstore/verify only accepts a checkpoint signature
//    whose name occurs in the log's baseUrl.
//  - hashedrekord v0.0.1 (./rekor-types.ts) and dsse v0.0.1 canonical bodies.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { json } from '@sigstore/core';
import { Faults, nowSeconds, readBody, sendJson, sendText, sha256, startLoopback, toPem } from './common.js';
import { hashLeaf, MerkleTree } from './merkle.js';
import { canonicalizeEntry, EntryError } from './rekor-types.js';

export interface LogEntryAnon {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification: {
    inclusionProof: {
      checkpoint: string;
      hashes: string[];
      logIndex: number;
      rootHash: string;
      treeSize: number;
    };
    signedEntryTimestamp: string;
  };
}
/** Rekor's LogEntry: one entry keyed by its entry id. */
export type LogEntry = Record<string, LogEntryAnon>;

interface Stored {
  entryId: string;
  body: Buffer;
  integratedTime: number;
  kind: string;
}

export interface RekorStandIn {
  url: string;
  publicKeyPem: string;
  /** DER SPKI of the log key. */
  publicKeyDer: Buffer;
  /** Hex sha256 of publicKeyDer: the logID in entries and in the trusted root. */
  logId: string;
  /** Decimal tree id, as in checkpoints and GET /api/v1/log. */
  treeId: string;
  /** Entries in the log. */
  readonly entries: number;
  /** Entry kinds ("hashedrekord", "dsse") in log order. */
  readonly kinds: string[];
  /** POSTs to /api/v1/log/entries, whatever their outcome. */
  readonly requests: number;
  tree: MerkleTree;
  /** The entry as GET /api/v1/log/entries/{uuid} answers it (proof against the current tree). */
  entry(idOrIndex: string | number): LogEntry | undefined;
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

const err = (code: number, message: string) => ({ code, message });

export async function startRekor(): Promise<RekorStandIn> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyDer = publicKey.export({ format: 'der', type: 'spki' });
  const logId = sha256(publicKeyDer).toString('hex');
  // Trillian tree ids are positive int64s; keep 16 hex digits, as sharding.CreateEntryIDFromParts needs.
  const treeIdBig = (BigInt(`0x${randomBytes(8).toString('hex')}`) & ((1n << 63n) - 1n)) | (1n << 62n);
  const treeId = treeIdBig.toString(10);
  const treeIdHex = treeIdBig.toString(16).padStart(16, '0');
  const tree = new MerkleTree();
  const stored: Stored[] = [];
  const byLeaf = new Map<string, number>();
  const faults = new Faults();
  const checkpoints = new Map<number, string>();
  let requests = 0;
  let hostname = '';

  const signedCheckpoint = (size: number): string => {
    const cached = checkpoints.get(size);
    if (cached) return cached;
    const note = `${hostname} - ${treeId}\n${size}\n${tree.root(size).toString('base64')}\n`;
    const sig = sign('sha256', Buffer.from(note), privateKey);
    const keyHint = sha256(publicKeyDer).subarray(0, 4);
    const text = `${note}\n\u2014 ${hostname} ${Buffer.concat([keyHint, sig]).toString('base64')}\n`;
    checkpoints.set(size, text);
    return text;
  };

  const toLogEntry = (index: number): LogEntry => {
    const e = stored[index] as Stored;
    const size = tree.size;
    const anon = {
      body: e.body.toString('base64'),
      integratedTime: e.integratedTime,
      logID: logId,
      logIndex: index,
    };
    const set = sign('sha256', Buffer.from(json.canonicalize(anon)), privateKey);
    return {
      [e.entryId]: {
        ...anon,
        verification: {
          inclusionProof: {
            checkpoint: signedCheckpoint(size),
            hashes: tree.inclusionProof(index, size).map((h) => h.toString('hex')),
            logIndex: index,
            rootHash: tree.root(size).toString('hex'),
            treeSize: size,
          },
          signedEntryTimestamp: set.toString('base64'),
        },
      },
    };
  };

  /** Accepts the 64-hex uuid or the 80-hex entry id (sharding.GetUUIDFromIDString). */
  const indexOf = (id: string | number): number | undefined => {
    if (typeof id === 'number') return id >= 0 && id < stored.length ? id : undefined;
    const uuid = /^([0-9a-f]{16})?([0-9a-f]{64})$/.exec(id.toLowerCase());
    if (!uuid?.[2] || (uuid[1] && uuid[1] !== treeIdHex)) return undefined;
    return byLeaf.get(uuid[2]);
  };
  const entryPath = (entryId: string) => `/api/v1/log/entries/${entryId}`;

  const server = await startLoopback(async (req, res, url) => {
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/v1/log/entries') {
      requests++;
      const status = faults.take();
      if (status !== undefined) return sendJson(res, status, err(status, 'injected failure'));
      let leaf: { body: Buffer; kind: string };
      try {
        leaf = canonicalizeEntry(JSON.parse((await readBody(req)).toString('utf8')));
      } catch (e) {
        const msg = e instanceof EntryError || e instanceof SyntaxError ? e.message : String(e);
        return sendJson(res, 400, err(400, `error processing entry: ${msg}`));
      }
      const uuid = hashLeaf(leaf.body).toString('hex');
      const existing = byLeaf.get(uuid);
      if (existing !== undefined) {
        const id = (stored[existing] as Stored).entryId;
        const message = `an equivalent entry already exists in the transparency log with UUID ${id}`;
        return sendJson(res, 409, err(409, message), { location: entryPath(id) });
      }
      const entryId = treeIdHex + uuid;
      const index = tree.append(hashLeaf(leaf.body));
      stored.push({ entryId, body: leaf.body, integratedTime: nowSeconds(), kind: leaf.kind });
      byLeaf.set(uuid, index);
      return sendJson(res, 201, toLogEntry(index), { location: entryPath(entryId), etag: entryId });
    }
    if (req.method === 'POST' && path === '/api/v1/log/entries/retrieve') {
      const q = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
        entryUUIDs?: string[];
        logIndexes?: number[];
        entries?: unknown[];
      };
      const found = new Set<number>();
      for (const id of q.entryUUIDs ?? []) found.add(indexOf(id) ?? -1);
      for (const i of q.logIndexes ?? []) found.add(indexOf(i) ?? -1);
      for (const e of q.entries ?? []) {
        try {
          found.add(byLeaf.get(hashLeaf(canonicalizeEntry(e).body).toString('hex')) ?? -1);
        } catch {
          // An entry that cannot be canonicalized matches nothing.
        }
      }
      found.delete(-1);
      return sendJson(res, 200, [...found].map(toLogEntry));
    }
    if (req.method !== 'GET') return sendJson(res, 405, err(405, 'method not allowed'));
    if (path.startsWith('/api/v1/log/entries/')) {
      const i = indexOf(decodeURIComponent(path.slice('/api/v1/log/entries/'.length)));
      return i === undefined
        ? sendJson(res, 404, err(404, 'entry not found'))
        : sendJson(res, 200, toLogEntry(i));
    }
    if (path === '/api/v1/log/entries') {
      const i = indexOf(Number(url.searchParams.get('logIndex') ?? -1));
      return i === undefined
        ? sendJson(res, 404, err(404, 'entry not found'))
        : sendJson(res, 200, toLogEntry(i));
    }
    if (path === '/api/v1/log') {
      return sendJson(res, 200, {
        rootHash: tree.root().toString('hex'),
        signedTreeHead: signedCheckpoint(tree.size),
        treeID: treeId,
        treeSize: tree.size,
      });
    }
    if (path === '/api/v1/log/publicKey') {
      return sendText(res, 200, toPem(publicKeyDer, 'PUBLIC KEY'), 'application/x-pem-file');
    }
    return sendJson(res, 404, err(404, 'not found'));
  });
  hostname = `127.0.0.1:${server.port}`;

  return {
    url: server.url,
    publicKeyPem: toPem(publicKeyDer, 'PUBLIC KEY'),
    publicKeyDer,
    logId,
    treeId,
    get entries() {
      return stored.length;
    },
    get kinds() {
      return stored.map((s) => s.kind);
    },
    get requests() {
      return requests;
    },
    tree,
    entry: (id) => {
      const i = indexOf(id);
      return i === undefined ? undefined : toLogEntry(i);
    },
    failNext: (n, status) => faults.failNext(n, status),
    stop: server.stop,
  };
}
