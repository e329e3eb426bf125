import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../http/errors.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane)
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, which isolated modules cannot read */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username does not exist, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0');
  return dummyHash;
}

export function assertPasswordPolicy(password: string): void {
  const ok = password.length >= 8 && password.length <= 128 && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
  if (!ok) throw new AppError('PASSWORD_TOO_WEAK');
}
