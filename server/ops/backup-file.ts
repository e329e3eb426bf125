import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { AppError } from '../http/errors.js';

/**
 * The backup file: gzip of JSON lines, so that it streams both ways and reads the same on any engine.
 *
 *   {"legalhubBackup":1, …header}                one line: the schema version and what made the file
 *   {"table":"regions","columns":[[name,type]…]}  then the table's rows, one JSON array of texts a line
 *   ["411522","光山县",…]                          (each value as PostgreSQL prints it, null as null)
 *   {"end":"regions","rows":415}
 *   …every table, parents before the tables that refer to them…
 *   {"sequences":[[name,value]…]}
 *   {"trailer":true,"tables":N,"rows":M,"sha256":"…"}   the SHA-256 of every line above it
 *
 * A file cut short lacks its trailer (or its gzip end); a damaged one fails gzip's CRC or the SHA-256.
 */
export const FORMAT = 1;

export interface BackupHeader {
  legalhubBackup: typeof FORMAT;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  /** the app release that wrote it (package.json) */
  release: string;
  /** applied migrations, in order: the schema version the rows belong to */
  migrations: string[];
  /** fingerprints of the keys the personal data was sealed with (not the keys), to tell a restore whether its keys fit */
  keys: KeyFingerprints | null;
  note: string;
}

export interface KeyFingerprints {
  index: string;
  data: Record<string, string>;
}

export interface TableStart {
  table: string;
  columns: [string, string][];
}

export interface Trailer {
  trailer: true;
  tables: number;
  rows: number;
  sha256: string;
}

export class BackupWriter {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private done: Promise<unknown>;
  bytesIn = 0;

  constructor(path: string) {
    this.gzip = createGzip({ level: 6 });
    this.file = createWriteStream(path, { mode: 0o600 });
    this.gzip.pipe(this.file);
    this.done = once(this.file, 'close');
    // surface a write error (disk full) at the next write or at close
    this.file.on('error', (error) => (this.failure ??= error));
    this.gzip.on('error', (error) => (this.failure ??= error));
  }
  private failure: Error | undefined;

  // lines gathered into chunks of about 256 KB: gzip costs a round trip to the thread pool per write
  private pending: string[] = [];
  private pendingLength = 0;

  /** One line; waits when gzip's buffer is full, so a big table never sits in memory. */
  async line(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(text, '\n');
    this.pendingLength += text.length + 1;
    if (this.pendingLength >= 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingLength = 0;
    this.hash.update(data);
    this.bytesIn += data.length;
    if (!this.gzip.write(data)) await once(this.gzip, 'drain');
  }

  /** Writes the trailer (the checksum of everything before it) and closes the file. */
  async finish(trailer: Omit<Trailer, 'sha256' | 'trailer'>): Promise<void> {
    await this.flush();
    const full: Trailer = { trailer: true, ...trailer, sha256: this.hash.digest('hex') };
    this.gzip.end(JSON.stringify(full) + '\n');
    await this.done;
    if (this.failure) throw this.failure;
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    this.file.destroy();
  }
}

const unreadable = (reason: string, detail?: string) => new AppError('BACKUP_UNREADABLE', { reason, ...(detail ? { detail } : {}) });

export type Entry =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'table'; start: TableStart }
  | { kind: 'row'; table: string; json: string }
  | { kind: 'end'; table: string; rows: number }
  | { kind: 'sequences'; sequences: [string, string | null][] }
  | { kind: 'trailer'; trailer: Trailer };

/**
 * Reads a backup file entry by entry, checking its shape as it goes and its checksum at the end: a caller
 * that acts on the entries must be ready to undo when the last one throws (restore reads the file twice:
 * once to check it, once to load it).
 */
export async function* readBackup(path: string): AsyncGenerator<Entry> {
  const gunzip = createGunzip();
  const source = createReadStream(path);
  let streamError: Error | undefined;
  source.on('error', (e) => {
    streamError = e;
    gunzip.destroy(e);
  });
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  const lines = splitLines(gunzip);
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let current: { table: string; columns: number; rows: number } | undefined;
  let tables = 0;
  let rows = 0;
  let trailer: Trailer | undefined;
  try {
    for await (const text of lines) {
      if (trailer) throw unreadable('content after the trailer');
      if (!header) {
        const parsed = parse(text);
        if (!isObject(parsed) || parsed.legalhubBackup !== FORMAT || !Array.isArray(parsed.migrations)) {
          throw unreadable('not a LegalHub backup (or of an unknown format version)');
        }
        header = parsed as unknown as BackupHeader;
        hash.update(text + '\n');
        yield { kind: 'header', header };
        continue;
      }
      if (text.startsWith('[')) {
        if (!current) throw unreadable('a row outside a table');
        const row = parse(text);
        if (!Array.isArray(row) || row.length !== current.columns || !row.every((v) => v === null || typeof v === 'string')) {
          throw unreadable(`a malformed row in ${current.table}`);
        }
        current.rows++;
        rows++;
        hash.update(text + '\n');
        yield { kind: 'row', table: current.table, json: text };
        continue;
      }
      const entry = parse(text);
      if (!isObject(entry)) throw unreadable('a malformed line');
      if (typeof entry.table === 'string' && Array.isArray(entry.columns)) {
        if (current) throw unreadable(`table ${current.table} not closed`);
        current = { table: entry.table, columns: entry.columns.length, rows: 0 };
        tables++;
        hash.update(text + '\n');
        yield { kind: 'table', start: entry as unknown as TableStart };
      } else if (typeof entry.end === 'string') {
        if (!current || current.table !== entry.end || current.rows !== entry.rows) {
          throw unreadable(`table ${String(entry.end)}: the row count does not match`);
        }
        hash.update(text + '\n');
        yield { kind: 'end', table: current.table, rows: current.rows };
        current = undefined;
      } else if (Array.isArray(entry.sequences)) {
        hash.update(text + '\n');
        yield { kind: 'sequences', sequences: entry.sequences as [string, string | null][] };
      } else if (entry.trailer === true) {
        const t = entry as unknown as Trailer;
        if (current) throw unreadable(`table ${current.table} not closed`);
        if (t.sha256 !== hash.digest('hex')) throw unreadable('checksum mismatch');
        if (t.tables !== tables || t.rows !== rows) throw unreadable('the totals do not match');
        trailer = t;
      } else {
        throw unreadable('an unknown line');
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (streamError && (streamError as NodeJS.ErrnoException).code === 'ENOENT') throw streamError;
    // zlib: "unexpected end of file" (cut short), "incorrect header check" (not gzip), "incorrect data check" (CRC)
    const message = (error as Error).message;
    throw unreadable(/unexpected end/i.test(message) ? 'truncated' : 'damaged', message);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (!header) throw unreadable('empty file');
  if (!trailer) throw unreadable('truncated', 'no trailer: the file was cut short');
  yield { kind: 'trailer', trailer };
}

/** The lines of a text stream (its async iteration throws when the stream fails: a gzip error reaches the caller). */
async function* splitLines(stream: AsyncIterable<string>): AsyncGenerator<string> {
  // the start of an unfinished line in pieces: an attachment's line is megabytes long
  let pending: string[] = [];
  for await (const chunk of stream) {
    let from = 0;
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', from)) {
      pending.push(chunk.slice(from, at));
      yield pending.join('');
      pending = [];
      from = at + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  if (pending.length) yield pending.join('');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw unreadable('a line is not JSON');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
