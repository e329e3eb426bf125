import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption of personal data at rest (ID numbers, phones, addresses) with AES-256-GCM.
 * A stored value is `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts), so keys can rotate: new
 * writes use the current key, old rows still name the key that opens them. A keyed hash (HMAC-SHA-256)
 * of the normalised value lets us find a row by phone or ID number without decrypting every row.
 */
export interface KeyRing {
  currentId: string;
  keys: Map<string, Buffer>;
}

/** Parses `id1:base64key,id2:base64key` (the first is current) — the LEGALHUB_DATA_KEYS format. */
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId = '';
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    if (!id || !b64 || !/^[a-z0-9]{1,16}$/i.test(id)) throw new Error('each key is <id>:<base64 of 32 bytes>');
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} is not 32 bytes`);
    keys.set(id, key);
    currentId ||= id;
  }
  if (!currentId) throw new Error('no key given');
  return { currentId, keys };
}

export function newKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export class PersonalDataCipher {
  /** `indexKey` keys the blind index; it never rotates (rotating it would mean rehashing every row). */
  constructor(
    private readonly ring: KeyRing,
    private readonly indexKey: Buffer,
  ) {}

  encrypt(plain: string): string {
    const key = this.ring.keys.get(this.ring.currentId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return `v1:${this.ring.currentId}:${parts.join(':')}`;
  }

  decrypt(stored: string): string {
    const [version, keyId, iv, tag, data] = stored.split(':');
    const key = keyId ? this.ring.keys.get(keyId) : undefined;
    if (version !== 'v1' || !key || !iv || !tag || data === undefined) throw new Error(`cannot open value sealed with key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The value, or '' where the retention sweep removed it (an anonymised request keeps no sealed phone). */
  openOrEmpty(stored: string | null): string {
    return stored === null ? '' : this.decrypt(stored);
  }

  /** Whether a stored value was sealed with an older key (for re-encryption after a rotation). */
  isStale(stored: string): boolean {
    return stored.split(':')[1] !== this.ring.currentId;
  }

  /** The id of the key the new values are sealed with. */
  get currentKeyId(): string {
    return this.ring.currentId;
  }

  /** The ids of the keys this ring can open. */
  get keyIds(): string[] {
    return [...this.ring.keys.keys()];
  }

  /** A blind index: equal inputs give equal hashes, and the hash tells nothing without the key. */
  hash(normalized: string): string {
    return createHmac('sha256', this.indexKey).update(normalized).digest('base64url');
  }
}
