import { Type, type TSchema } from 'typebox';
import { ERRORS } from './errors.js';

export const ErrorSchema = Type.Object(
  {
    code: Type.Enum(Object.keys(ERRORS)),
    message: Type.String({ description: '中文说明' }),
    messageEn: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'Error', description: 'Every 4xx/5xx answer has this shape' },
);

// the pattern as well as the format: ajv's uuid format also takes `urn:uuid:…`, which PostgreSQL refuses
export const Uuid = Type.String({
  format: 'uuid',
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});

/** A row version as the client saw it (an int4 in the database). */
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the version you saw; 409 if it changed' });

/**
 * A line of text a person types: length limits, no control characters (they break exports), and when it is
 * required (min ≥ 1) at least one character that is not white space — a name of spaces is no name.
 */
export const Text = (max: number, min = 0) =>
  Type.String({
    minLength: min,
    maxLength: max,
    pattern: `^${min > 0 ? '(?=[\\s\\S]*\\S)' : ''}[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$`,
  });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() });

/** The error answers a route can give, for the OpenAPI document. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('Error')]));
}
