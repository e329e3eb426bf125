// The org, audit and personal-data permissions of each post. Other modules add their own permissions; these
// tests hold only what this module's rules promise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERMISSIONS, POSTS, isPost, permissionsOf } from '../../server/modules/auth/permissions.js';

const ORG = ['org.read', 'org.manage', 'audit.read', 'personal.reveal'] as const;
/** the post's permissions among those of this module */
const orgPermissionsOf = (posts: string[]) => permissionsOf(posts).filter((p) => (ORG as readonly string[]).includes(p));

test('an admin has every permission', () => {
  assert.deepEqual(permissionsOf(['admin']), [...PERMISSIONS]);
});

test('desk posts may read the organisation, but not manage it, read the audit log or see phones', () => {
  for (const post of ['reception', 'consultationDesk', 'legalAidDesk', 'dutyLawyer', 'mediator', 'villageAdviser'])
    assert.deepEqual(orgPermissionsOf([post]), ['org.read'], post);
});

test('a supervisor reads the organisation and the audit log, but cannot manage or see phones', () => {
  assert.deepEqual(orgPermissionsOf(['supervisor']), ['org.read', 'audit.read']);
});

test('deny by default: no post or an unknown post gives nothing; a legal liaison never sees the staff list', () => {
  assert.deepEqual(permissionsOf([]), []);
  assert.deepEqual(permissionsOf(['root', 'Admin', 'admin ', '__proto__', 'constructor', 'toString']), []);
  assert.equal(isPost('toString'), false);
  assert.deepEqual(orgPermissionsOf(['legalLiaison']), []);
});

test('permissions of several posts are their union, each once, in the catalogue’s order', () => {
  const union = permissionsOf(['reception', 'supervisor', 'reception']);
  assert.deepEqual(union, permissionsOf(['supervisor', 'reception']));
  assert.equal(new Set(union).size, union.length);
  assert.deepEqual(
    union,
    PERMISSIONS.filter((p) => permissionsOf(['reception']).includes(p) || permissionsOf(['supervisor']).includes(p)),
  );
  for (const post of POSTS) assert.ok(permissionsOf([post]).every((p) => PERMISSIONS.includes(p)));
});
