/**
 * Every column holding a value sealed with the data keys (`v1:<key id>:…`, security/personal-data.ts), with the
 * type of its table's id. Key rotation and the key status walk exactly this list; a test compares it with the
 * database's `*_enc` columns, so a new sealed column cannot be forgotten here.
 */
export const SEALED_COLUMNS = [
  { table: 'service_requests', column: 'requester_phone_enc', idType: 'uuid' },
  { table: 'service_requests', column: 'requester_id_enc', idType: 'uuid' },
  { table: 'service_requests', column: 'requester_address_enc', idType: 'uuid' },
  { table: 'aid_cases', column: 'proxy_phone_enc', idType: 'uuid' },
  { table: 'hotline_calls', column: 'caller_phone_enc', idType: 'bigint' },
  { table: 'outbox', column: 'recipient_enc', idType: 'bigint' },
] as const satisfies readonly { table: string; column: string; idType: 'uuid' | 'bigint' }[];

export type SealedColumn = (typeof SEALED_COLUMNS)[number];

/** The id before every id, where a walk in id order starts. */
export const FIRST_ID: Record<SealedColumn['idType'], string> = {
  uuid: '00000000-0000-0000-0000-000000000000',
  bigint: '0',
};
