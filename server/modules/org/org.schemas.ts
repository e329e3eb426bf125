import { Type } from 'typebox';
import { Paging, Text, Uuid, Version } from '../../http/schemas.js';
import { POSTS } from '../auth/permissions.js';
import { FACILITIES } from './county-import.js';
import { PHONE_SOURCES } from './site-phones.js';

export const RegionCode = Type.String({
  pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$|^[0-9]{12}$',
  description: '6/9/12-digit code; the padded 12-digit form is accepted',
});
export const Level = Type.Union([Type.Literal('county'), Type.Literal('town'), Type.Literal('village')]);
export const SiteKind = Type.Union([Type.Literal('center'), Type.Literal('station'), Type.Literal('room')]);
export const PostSchema = Type.Enum(POSTS);
export const FacilitySchema = Type.Enum(FACILITIES);

const regionFields = {
  code: Type.String(),
  fullCode: Type.String({ description: '12-digit statistical code' }),
  name: Type.String(),
  shortName: Type.String(),
  level: Level,
  type: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
};

export const RegionTreeNode = Type.Object({
  ...regionFields,
  children: Type.Array(Type.Unknown(), { description: 'nodes of the same shape, one level down' }),
});

export const RegionFlat = Type.Object(regionFields);
export const RegionDetail = Type.Object({
  ...regionFields,
  parent: Type.Union([RegionFlat, Type.Null()]),
  children: Type.Array(RegionFlat),
});

export const RegionPatchBody = Type.Object(
  { name: Type.Optional(Text(60, 1)), shortName: Type.Optional(Text(60, 1)) },
  { additionalProperties: false },
);

export const Site = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: SiteKind,
  regionCode: Type.String(),
  regionName: Type.String(),
  townName: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
  openingHours: Type.String(),
  phone: Type.String({ description: "the site's own phone" }),
  contactPhone: Type.Object(
    {
      phone: Type.String(),
      source: Type.Enum(PHONE_SOURCES),
    },
    { description: "the number the portal gives: the site's own, else its village adviser's, its station's, the center's, or 12348" },
  ),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
  facilities: Type.Array(Type.String()),
  description: Type.String(),
  isPublic: Type.Boolean(),
  version: Type.Integer(),
});

export const SiteQuery = Type.Object({
  kind: Type.Optional(SiteKind),
  regionCode: Type.Optional(RegionCode),
  q: Type.Optional(Text(50)),
  scope: Type.Optional(Type.Literal('mine', { description: 'staff only: every site in my scope, published or not' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 500 })),
  offset: Paging.offset,
});

export const SitePatchBody = Type.Object(
  {
    version: Version,
    name: Type.Optional(Text(80, 2)),
    address: Type.Optional(Text(200)),
    openingHours: Type.Optional(Text(200)),
    phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ()]{0,30}$' })),
    latitude: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    longitude: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    facilities: Type.Optional(Type.Array(FacilitySchema, { maxItems: 20 })),
    description: Type.Optional(Text(2000)),
    isPublic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Staff = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  phone: Type.String({ description: 'masked' }),
  siteId: Uuid,
  siteName: Type.String(),
  siteKind: SiteKind,
  regionCode: Type.String(),
  posts: Type.Array(PostSchema),
  permissions: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  mustChangePassword: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

export const StaffQuery = Type.Object({
  q: Type.Optional(Text(50)),
  siteId: Type.Optional(Uuid),
  regionCode: Type.Optional(RegionCode),
  post: Type.Optional(PostSchema),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  ...Paging,
});

export const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$', description: '3–40 letters, digits, . _ -' });
export const Phone = Type.String({
  pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})?$',
  description: 'mobile or landline, may be empty',
});

export const StaffCreateBody = Type.Object(
  {
    username: Username,
    displayName: Text(40, 1),
    phone: Phone,
    siteId: Uuid,
    posts: Type.Array(PostSchema, { minItems: 1, maxItems: 9 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);

export const StaffPatchBody = Type.Object(
  {
    version: Version,
    displayName: Type.Optional(Text(40, 1)),
    phone: Type.Optional(Phone),
    siteId: Type.Optional(Uuid),
    posts: Type.Optional(Type.Array(PostSchema, { minItems: 1, maxItems: 9 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Uuid });
export const CodeParams = Type.Object({ code: RegionCode });
