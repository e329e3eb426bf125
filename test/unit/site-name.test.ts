import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteName } from '../../server/modules/org/county-import.js';

test('sites are named as the county plan requires: 中心 for the county, 工作站 for a town, 室 for a village', () => {
  assert.equal(siteName('center', '光山县'), '光山县公共法律服务中心');
  assert.equal(siteName('station', '十里镇'), '十里镇公共法律服务工作站');
  assert.equal(siteName('room', '吴明村'), '吴明村公共法律服务室');
  assert.equal(siteName('room', '宝相寺社区'), '宝相寺社区公共法律服务室');
});
