// The staff pages' string tables are spread into one (kiosk/staff/strings.ts): a key two parts both define silently
// takes the later part's words (a printer's "Paper out" became an alert's "out of paper"). No key is defined twice.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { en, zhCN } from '../../kiosk/staff/strings.ts';
import { checksEn, checksZhCN } from '../../kiosk/ui/strings.checks.ts';
import { siteEn, siteZhCN } from '../../kiosk/staff/strings.site.ts';
import { manageEn, manageZhCN } from '../../kiosk/staff/strings.manage.ts';
import { rollcallEn, rollcallZhCN } from '../../kiosk/staff/strings.rollcall.ts';
import { securityEn, securityZhCN } from '../../kiosk/staff/strings.security.ts';
import { printersEn, printersZhCN } from '../../kiosk/staff/strings.printers.ts';
import { secondEn, secondZhCN } from '../../kiosk/staff/strings.second.ts';
import { groupEn, groupZhCN } from '../../kiosk/staff/strings.group.ts';
import { casesEn, casesZhCN } from '../../kiosk/staff/strings.cases.ts';
import { reportsEn, reportsZhCN } from '../../kiosk/staff/strings.reports.ts';
import { alertsEn, alertsZhCN } from '../../kiosk/staff/strings.alerts.ts';
import { deskWordsEn, deskWordsZhCN } from '../../kiosk/staff/phrases/strings.ts';
import { mattersEn, mattersZhCN } from '../../kiosk/staff/strings.matters.ts';

const PARTS: Array<[string, Record<string, string>, Record<string, string>]> = [
  ['checks', checksEn, checksZhCN], ['site', siteEn, siteZhCN], ['manage', manageEn, manageZhCN], ['rollcall', rollcallEn, rollcallZhCN],
  ['security', securityEn, securityZhCN], ['printers', printersEn, printersZhCN], ['second', secondEn, secondZhCN], ['group', groupEn, groupZhCN],
  ['cases', casesEn, casesZhCN], ['reports', reportsEn, reportsZhCN], ['alerts', alertsEn, alertsZhCN], ['deskWords', deskWordsEn, deskWordsZhCN],
  ['matters', mattersEn, mattersZhCN],
];

test('no key is defined by two parts of the staff strings', () => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const [name, part] of PARTS) {
    for (const key of Object.keys(part)) {
      if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${name}`);
      else owner.set(key, name);
    }
  }
  assert.equal(twice, []);
});

test('every part\'s words reach the page as written (strings.ts\'s own keys override none of them), in both languages', () => {
  const overridden: string[] = [];
  for (const [name, partEn, partZh] of PARTS) {
    for (const key of Object.keys(partEn)) {
      if ((en as Record<string, string>)[key] !== partEn[key]) overridden.push(`en ${key} (${name})`);
      if ((zhCN as Record<string, string>)[key] !== partZh[key]) overridden.push(`zh-CN ${key} (${name})`);
    }
  }
  assert.equal(overridden, []);
});

test.run();
