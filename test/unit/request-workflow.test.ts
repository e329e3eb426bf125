// Who may take which step of a request, from the workflow table alone (server/modules/requests/workflow.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestStatus } from '../../server/db/schema.js';
import type { Actor } from '../../server/modules/auth/actor.js';
import { permissionsOf, type Post } from '../../server/modules/auth/permissions.js';
import {
  ACTIONS,
  allowedActions,
  nextStatus,
  SUPERVISORY,
  TRANSITIONS,
  validIn,
  type WorkflowFacts,
} from '../../server/modules/requests/workflow.js';

const CENTER = 'site-center';
const STATION = 'site-station';
const OTHER_STATION = 'site-other';

function actor(id: string, siteId: string, posts: Post[]): Actor {
  return {
    id,
    username: id,
    displayName: id,
    siteId,
    siteName: siteId,
    siteKind: siteId === CENTER ? 'center' : 'station',
    regionCode: siteId === CENTER ? '411522' : '411522101',
    posts,
    permissions: permissionsOf(posts),
    ip: '127.0.0.1',
    requestId: 'r',
  };
}
const reception = actor('reception', CENTER, ['reception']);
const consult = actor('consult', CENTER, ['consultationDesk']);
const stationMediator = actor('station-mediator', STATION, ['reception', 'legalAidDesk', 'mediator']);
const stationAdmin = actor('station-admin', STATION, ['admin']);
const stationReception = actor('station-reception', STATION, ['reception']);
const otherMediator = actor('other-mediator', OTHER_STATION, ['mediator']);
const liaison = actor('liaison', STATION, ['legalLiaison']);
const countySupervisor = actor('county-supervisor', CENTER, ['supervisor']);
const countyAdmin = actor('county-admin', CENTER, ['admin', 'supervisor']);

const facts = (status: RequestStatus, more: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
  status,
  owner_id: null,
  received_site_id: CENTER,
  handler_site_id: null,
  handler_post: null,
  handler_id: null,
  received_region_code: '411522',
  handler_region_code: null,
  region_code: '411522101203',
  aid_case_id: null,
  ...more,
});
const sorted = (a: readonly string[]) => [...a].sort();

test('the transition table: every action leaves from the states the diagram shows, and nothing leaves concluded', () => {
  assert.deepEqual(TRANSITIONS.dispatch, { from: ['submitted'], to: 'dispatched' });
  assert.deepEqual(TRANSITIONS.return, { from: ['dispatched'], to: 'submitted' });
  assert.deepEqual(sorted(TRANSITIONS.conclude.from), ['accepted', 'submitted']);
  assert.deepEqual(sorted(TRANSITIONS.transfer.from), ['accepted', 'dispatched']);
  for (const action of ACTIONS) {
    assert.equal(validIn(action, 'concluded'), false, action);
    assert.equal(validIn(action, 'withdrawn'), false, action);
  }
  assert.equal(validIn('conclude', 'awaitingMaterials'), false, 'the clock is stopped: resume first');
});

test('submitted at a desk: only its first responder dispatches or concludes it', () => {
  const r = facts('submitted', { owner_id: reception.id });
  assert.deepEqual(sorted(allowedActions(reception, r)), ['conclude', 'dispatch']);
  assert.deepEqual(allowedActions(consult, r), [], 'a colleague at the same desk');
  assert.deepEqual(allowedActions(stationMediator, r), []);
});

test('submitted with no first responder: anyone handling requests at the receiving site', () => {
  const r = facts('submitted');
  assert.deepEqual(sorted(allowedActions(consult, r)), ['conclude', 'dispatch']);
  assert.deepEqual(allowedActions(stationMediator, r), []);
});

test('dispatched to a post at a site: staff there with that post (or an admin there) accept, return or transfer it', () => {
  const r = facts('dispatched', { owner_id: reception.id, handler_site_id: STATION, handler_post: 'mediator' });
  assert.deepEqual(sorted(allowedActions(stationMediator, r)), ['accept', 'return', 'transfer']);
  assert.deepEqual(sorted(allowedActions(stationAdmin, r)), ['accept', 'return', 'transfer']);
  assert.deepEqual(allowedActions(stationReception, r), [], 'the wrong post');
  assert.deepEqual(allowedActions(otherMediator, r), [], 'the right post at another site');
  assert.deepEqual(allowedActions(reception, r), [], 'the desk that sent it');
});

test('dispatched to a named person: only that person', () => {
  const r = facts('dispatched', { handler_site_id: STATION, handler_post: 'mediator', handler_id: stationAdmin.id });
  assert.deepEqual(allowedActions(stationMediator, r), []);
  assert.deepEqual(sorted(allowedActions(stationAdmin, r)), ['accept', 'return', 'transfer']);
});

test('accepted or paused: only its handler takes its steps; the administrator over the site may only take it over or reassign it', () => {
  const accepted = facts('accepted', {
    owner_id: stationMediator.id,
    handler_site_id: STATION,
    handler_region_code: '411522101',
    handler_id: stationMediator.id,
  });
  assert.deepEqual(sorted(allowedActions(stationMediator, accepted)), ['conclude', 'requestMaterials', 'transfer']);
  assert.deepEqual(sorted(allowedActions(stationAdmin, accepted)), ['reassign', 'takeOver']);
  assert.deepEqual(allowedActions(stationReception, accepted), [], 'a colleague without requests.supervise');
  const paused = { ...accepted, status: 'awaitingMaterials' as const };
  assert.deepEqual(allowedActions(stationMediator, paused), ['resume']);
  assert.deepEqual(allowedActions(stationAdmin, paused), ['takeOver'], 'a paused request is taken over, then resumed or sent on');
});

test('concluded: nobody; and someone without requests.handle never acts', () => {
  const done = facts('concluded', { handler_site_id: STATION, handler_id: stationMediator.id, owner_id: stationMediator.id });
  assert.deepEqual(allowedActions(stationMediator, done), []);
  const own = facts('submitted', { owner_id: liaison.id, received_site_id: STATION });
  assert.deepEqual(allowedActions(liaison, own), []);
});

test('a legal aid application: none of the generic steps, whatever its state (its case has its own)', () => {
  const atDesk = facts('submitted', { owner_id: stationMediator.id, received_site_id: STATION });
  assert.ok(allowedActions(stationMediator, atDesk).length > 0, 'the same request without a case may be dispatched');
  assert.deepEqual(allowedActions(stationMediator, { ...atDesk, aid_case_id: 'case-1' }), []);
  const accepted = facts('accepted', { handler_site_id: STATION, handler_id: stationMediator.id, aid_case_id: 'case-1' });
  assert.deepEqual(allowedActions(stationMediator, accepted), []);
});

test('take over and reassign: from every open state (a paused one is taken over, not reassigned), never from concluded', () => {
  assert.deepEqual(sorted(TRANSITIONS.takeOver.from), ['accepted', 'awaitingMaterials', 'dispatched', 'submitted']);
  assert.deepEqual(sorted(TRANSITIONS.reassign.from), ['accepted', 'dispatched', 'submitted']);
  assert.deepEqual([...SUPERVISORY].sort(), ['reassign', 'takeOver']);
  for (const from of ['submitted', 'dispatched', 'accepted'] as const) {
    assert.equal(nextStatus('takeOver', from), 'accepted', from);
    assert.equal(nextStatus('reassign', from), 'dispatched', from);
  }
  assert.equal(nextStatus('takeOver', 'awaitingMaterials'), 'awaitingMaterials', 'the clock stays stopped under its new handler');
  assert.equal(nextStatus('accept', 'dispatched'), 'accepted', 'the other steps as the table says');
  for (const status of ['concluded', 'withdrawn'] as const) {
    assert.equal(validIn('takeOver', status), false);
    assert.equal(validIn('reassign', status), false);
  }
});

test('sent to a post nobody there holds: the supervisors over that site may take it over or reassign it, nobody else acts', () => {
  const stuck = facts('dispatched', {
    owner_id: reception.id,
    handler_site_id: STATION,
    handler_region_code: '411522101',
    handler_post: 'consultationDesk',
  });
  for (const who of [stationMediator, stationReception, reception, consult, otherMediator, liaison])
    assert.deepEqual(allowedActions(who, stuck), [], who.id);
  assert.deepEqual(sorted(allowedActions(countySupervisor, stuck)), ['reassign', 'takeOver']);
  assert.deepEqual(sorted(allowedActions(countyAdmin, stuck)), ['reassign', 'takeOver']);
  // the station's administrator is an addressee of any post there: its own steps, not the overseer's
  assert.deepEqual(sorted(allowedActions(stationAdmin, stuck)), ['accept', 'return', 'transfer']);
});

test('on a desk whose first responder has gone: the overseers of that desk, not those of a town below it', () => {
  const atCenter = facts('submitted', { owner_id: 'gone', received_site_id: CENTER, received_region_code: '411522' });
  assert.deepEqual(allowedActions(reception, atCenter), []);
  assert.deepEqual(sorted(allowedActions(countySupervisor, atCenter)), ['reassign', 'takeOver']);
  assert.deepEqual(allowedActions(stationAdmin, atCenter), [], 'a town administrator does not oversee the county center');
  const atStation = facts('submitted', { owner_id: 'gone', received_site_id: STATION, received_region_code: '411522101' });
  assert.deepEqual(sorted(allowedActions(stationAdmin, atStation)), ['reassign', 'takeOver']);
});

test('handled by someone else with their own steps: the overseers still may step in; a legal aid case and a concluded request: nobody', () => {
  const accepted = facts('accepted', { handler_site_id: CENTER, handler_region_code: '411522', handler_id: consult.id });
  assert.deepEqual(sorted(allowedActions(countySupervisor, accepted)), ['reassign', 'takeOver']);
  assert.deepEqual(allowedActions(stationAdmin, accepted), []);
  assert.deepEqual(allowedActions(countySupervisor, { ...accepted, aid_case_id: 'case-1' }), []);
  assert.deepEqual(allowedActions(countySupervisor, { ...accepted, status: 'concluded' }), []);
  // their own request: their own steps only
  assert.deepEqual(sorted(allowedActions(countySupervisor, { ...accepted, handler_id: countySupervisor.id })), [
    'conclude',
    'requestMaterials',
    'transfer',
  ]);
});
