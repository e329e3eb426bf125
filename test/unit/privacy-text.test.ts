import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { maskNumbersIn } from '../../server/modules/privacy/mask-text.js';
import { DEFAULT_MONTHS, RECORD_TYPES } from '../../server/modules/privacy/retention.js';
import { ANONYMISED_NAME, redact } from '../../server/modules/privacy/sweep.js';

test('numbers typed into a text are masked as the fields are; other numbers stay', () => {
  assert.equal(
    maskNumbersIn('我的电话13912345678，身份证411522196209095179，欠款12000元，2026年3月5日借的'),
    '我的电话139****5678，身份证4115**********5179，欠款12000元，2026年3月5日借的',
  );
  assert.equal(maskNumbersIn('电话 139-1234-5678 或 139 1234 5678'), '电话 139****5678 或 139****5678');
  assert.equal(maskNumbersIn('受理编号411522AB12CD34，案号光山援〔2026〕12号'), '受理编号411522AB12CD34，案号光山援〔2026〕12号');
  assert.equal(maskNumbersIn('41152219620909517X'), '4115**********517X');
  assert.equal(maskNumbersIn('不是手机号：12345678901，也不是：139123456789'), '不是手机号：12345678901，也不是：139123456789');
});

test('redact: the known names (and their 女士/大姐 forms), the address, and the patterns; twice is the same as once', () => {
  const text = '张桂兰家住十里镇吴明村五组7号，电话13912345678。张女士说儿子张小军不给赡养费，对方刘有财。';
  const once = redact(text, ['张桂兰', '张小军', '刘有财'], '十里镇吴明村五组7号');
  assert.ok(!/张桂兰|张小军|刘有财|吴明村五组|13912345678|张女士/.test(once), once);
  assert.match(once, /赡养费/, 'the matter stays readable');
  assert.equal(redact(once, ['张桂兰', '张小军', '刘有财'], '十里镇吴明村五组7号'), once);
  assert.equal(redact('已调解', [ANONYMISED_NAME, null, undefined]), '已调解', 'an already anonymised name is not looked for');
});

test('every record type has a default period, and the README states each with its reason', async () => {
  const readme = await readFile(path.resolve(import.meta.dirname, '../../server/modules/privacy/README.md'), 'utf8');
  for (const type of RECORD_TYPES) {
    assert.ok(DEFAULT_MONTHS[type] >= 1, type);
    assert.match(readme, new RegExp(`\\| \`${type}\`[^\\n]*\\| ${DEFAULT_MONTHS[type]} months`), `README row for ${type}`);
  }
});
