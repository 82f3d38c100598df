import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { Database } from '../db/client';
import { createApiKey } from '../db/integrations/api-keys';
import { fixMyStreetStatusOf, open311StatusOf } from '../db/integrations/open311';
import { open311Requests } from '../db/schema';
import { caseStatuses } from '../db/cases/vocabulary';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { testApp } from './support/app';
import { registerCase } from './support/cases';

let db: Database;
let fx: Fixture;
let server: Server;
let base: string;
let fileKey: string;
let readKey: string;
const clock = new Date('2026-06-10T02:00:00Z');
const xml = new XMLParser();

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  // a real HTTP server on the loopback, as a civic app would reach it
  server = createServer(testApp(db, { now: () => clock }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
  const admin = { accountId: fx.actors.admin.accountId, unitPath: fx.units.county.path };
  const account = fx.actors.integrator.accountId;
  fileKey = (await createApiKey(db, admin, { accountId: account, name: 'Open311 app', scopes: ['CASES_FILE'], allowedIps: [] }, clock)).secret;
  readKey = (await createApiKey(db, admin, { accountId: account, name: 'Open311 reader', scopes: ['CASES_READ'], allowedIps: [] }, clock)).secret;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function form(fields: Record<string, string>) {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

const identityNumber = newIdentityNumber();
function report(overrides: Record<string, string> = {}) {
  return {
    api_key: fileKey,
    service_code: 'URBAN',
    lat: '29.3563',
    long: '105.9271',
    address_string: '永川区中山路 88 号',
    first_name: '小明',
    last_name: '王',
    phone: '13912345678',
    description: '小区门口路面塌陷，雨天积水，行人容易摔倒。',
    media_url: 'https://example.org/photo.jpg',
    'attribute[place_code]': `${fx.code}001001`,
    'attribute[identity_number]': identityNumber,
    ...overrides,
  };
}

describe('Open311 GeoReport v2', () => {
  it('lists our categories as services in XML and JSON', async () => {
    const asXml = await fetch(`${base}/services.xml`);
    expect(asXml.status).toBe(200);
    expect(asXml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await asXml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?><services><service><service_code>')).toBe(true);
    const services = xml.parse(text).services.service;
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(['LABOUR', 'LAND', 'URBAN', 'ENVIRONMENT', 'SUGGESTION']);
    expect(services[2]).toEqual({ service_code: 'URBAN', service_name: '城乡建设', description: '道路、市政设施、物业管理方面的问题', metadata: true, type: 'realtime', keywords: '道路,物业,市政设施', group: '申诉求决' });
    const asJson = await (await fetch(`${base}/services.json`)).json();
    expect(asJson[2]).toEqual(services[2]);
  });

  it('gives a service definition with its attributes, and a 404 in the error format for an unknown one', async () => {
    const definition = xml.parse(await (await fetch(`${base}/services/URBAN.xml`)).text()).service_definition;
    expect(definition.service_code).toBe('URBAN');
    expect(definition.attributes.attribute[0]).toMatchObject({ variable: true, code: 'place_code', datatype: 'string', required: true, order: 1 });
    const json = await (await fetch(`${base}/services/URBAN.json`)).json();
    expect(json.attributes.map((a: { code: string }) => a.code)).toEqual(['place_code', 'identity_number']);
    const missing = await fetch(`${base}/services/POTHOLE.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: '没有代码为 POTHOLE 的服务' }]);
    const missingXml = xml.parse(await (await fetch(`${base}/services/POTHOLE.xml`)).text());
    expect(missingXml.errors.error).toEqual({ code: 404, description: '没有代码为 POTHOLE 的服务' });
  });

  it('files a request with an api_key (idempotent with Idempotency-Key) and refuses one without', async () => {
    const posted = await fetch(`${base}/requests.json`, { ...form(report()), headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'open311-test-0001' } });
    expect(posted.status).toBe(200);
    const [answer] = await posted.json();
    expect(answer.service_request_id).toMatch(new RegExp(`^${fx.code}`));
    expect(answer.service_notice).toBe('已登记，受理与否将在 15 日内告知');
    const again = await fetch(`${base}/requests.json`, { ...form(report()), headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'open311-test-0001' } });
    expect((await again.json())[0].service_request_id).toBe(answer.service_request_id);

    const asXml = xml.parse(await (await fetch(`${base}/requests.xml`, form(report()))).text());
    expect(asXml.service_requests.request.service_request_id).not.toBe(answer.service_request_id);

    const anonymous = await fetch(`${base}/requests.json`, form({ ...report(), api_key: '' }));
    expect(anonymous.status).toBe(403);
    const reader = await fetch(`${base}/requests.xml`, form({ ...report(), api_key: readKey }));
    expect(reader.status).toBe(403);
    expect(xml.parse(await reader.text()).errors.error.code).toBe(403);
    const wrongKey = await fetch(`${base}/requests.json`, form({ ...report(), api_key: `${fileKey.slice(0, -1)}${fileKey.endsWith('x') ? 'y' : 'x'}` }));
    expect(wrongKey.status).toBe(403);
    expect((await wrongKey.json())[0].description).toContain('auth/api-key-checksum');
    const long = await fetch(`${base}/requests.json`, form(report({ description: '长'.repeat(4001) })));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual([{ code: 400, description: 'description 最多 4000 个字符' }]);
    const nowhere = await fetch(`${base}/requests.json`, form(report({ lat: '', long: '', address_string: '' })));
    expect((await nowhere.json())[0].description).toBe('需要 lat 与 long，或 address_string');
  });

  it('shows requests to anyone without any personal data, and everything to a key holder of the subtree', async () => {
    const [filed] = await (await fetch(`${base}/requests.json`, form(report({ description: '垃圾清运不及时，楼下堆放三天，气味很大。' })))).json();
    const publicList = await fetch(`${base}/requests.json?service_code=URBAN&status=open`);
    const text = await publicList.text();
    const mine = JSON.parse(text).find((r: { service_request_id: string }) => r.service_request_id === filed.service_request_id);
    expect(mine).toEqual({
      service_request_id: filed.service_request_id,
      status: 'open',
      status_notes: '已登记',
      service_name: '城乡建设',
      service_code: 'URBAN',
      agency_responsible: '测试县信访局',
      service_notice: '',
      requested_datetime: '2026-06-10T10:00:00+08:00',
      updated_datetime: '2026-06-10T10:00:00+08:00',
    });
    for (const personal of ['王小明', '小明', '13912345678', '139****', identityNumber, '中山路', '29.3563', 'photo.jpg', '垃圾清运']) expect(text).not.toContain(personal);

    const single = xml.parse(await (await fetch(`${base}/requests/${filed.service_request_id}.xml`)).text());
    expect(single.service_requests.request.status).toBe('open');
    expect(single.service_requests.request.description).toBeUndefined();

    const detailed = await (await fetch(`${base}/requests/${filed.service_request_id}.json?api_key=${readKey}`)).json();
    expect(detailed[0]).toMatchObject({ description: '垃圾清运不及时，楼下堆放三天，气味很大。', address: '永川区中山路 88 号', lat: 29.3563, long: 105.9271, media_url: 'https://example.org/photo.jpg' });
    // another county's key holder sees only the public form
    const other = await buildFixture(db);
    const otherKey = (await createApiKey(db, { accountId: other.actors.admin.accountId, unitPath: other.units.county.path }, { accountId: other.actors.integrator.accountId, name: 'x', scopes: ['CASES_READ'], allowedIps: [] }, clock)).secret;
    const outsider = await (await fetch(`${base}/requests/${filed.service_request_id}.json?api_key=${otherKey}`)).json();
    expect(outsider[0].description).toBeUndefined();

    expect((await fetch(`${base}/requests/XX-0000.json`)).status).toBe(404);
    expect((await fetch(`${base}/requests.json?status=pending`)).status).toBe(400);
  });

  it('never shows an accusation, not even one linked to Open311', async () => {
    const accusation = await registerCase(testApp(db, { now: () => clock }), fx, { kind: 'ACCUSATION', receivedOn: '2026-06-09', accusedPerson: '某某' });
    const id = Buffer.from(accusation.id, 'base64').toString().split(':')[1];
    await db.insert(open311Requests).values({ caseId: id, serviceCode: 'URBAN' });
    const all = await (await fetch(`${base}/requests.json?page_size=100&api_key=${readKey}`)).text();
    expect(all).not.toContain(accusation.number);
    expect((await fetch(`${base}/requests/${accusation.number}.json?api_key=${readKey}`)).status).toBe(404);
    const updates = await (await fetch(`${base}/servicerequestupdates.json?start_date=2026-06-09T00:00:00Z`)).text();
    expect(updates).not.toContain(accusation.number);
  });

  it('reports status changes as FixMyStreet servicerequestupdates', async () => {
    const [filed] = await (await fetch(`${base}/requests.json`, form(report({ description: '路灯坏了一个月，晚上很黑。' })))).json();
    const updates = xml.parse(await (await fetch(`${base}/servicerequestupdates.xml?start_date=2026-06-10T00:00:00Z&end_date=2026-06-11T00:00:00Z`)).text());
    const list = [updates.service_request_updates.request_update].flat();
    const mine = list.filter((u: { service_request_id: string }) => u.service_request_id === filed.service_request_id);
    expect(mine).toEqual([{ update_id: expect.any(Number), service_request_id: filed.service_request_id, status: 'OPEN', updated_datetime: expect.stringMatching(/\+08:00$/), description: '已登记', media_url: '' }]);
  });

  it('maps every status to open (before a decision) or closed', () => {
    const open = caseStatuses.filter((status) => open311StatusOf(status) === 'open');
    expect(open).toEqual(['REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED']);
    expect(caseStatuses.map((status) => fixMyStreetStatusOf(status))).toEqual([
      'OPEN', 'OPEN', 'IN_PROGRESS', 'NO_FURTHER_ACTION', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'DUPLICATE',
    ]);
  });
});
