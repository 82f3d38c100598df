import { XMLBuilder } from 'fast-xml-parser';
import { OPEN311_PREFIX } from './prefix';
import { intakeCase, intakeSchema } from '../../db/cases/intake';
import { canReadCase } from '../../db/cases/visibility';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { parseInput } from '../../db/common/validate';
import { AppError, InputError } from '../../db/errors';
import { IntegrationError, RateLimitedError } from '../../db/integrations/errors';
import {
  fixMyStreetStatusOf,
  listOpen311Requests,
  open311Attributes,
  open311Services,
  open311StatusOf,
  open311Updates,
  serviceByCode,
  type Open311Row,
} from '../../db/integrations/open311';
import { open311Requests } from '../../db/schema';
import type { Actor } from '../auth';
import { authenticateRequest, type RequestAuthDeps } from '../integrations/request-auth';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from '../mask-error';

/**
 * Open311 GeoReport v2 at /open311/v2/…{.json,.xml}, served by the same app (node server and Lambda) beside
 * /graphql: services, service definitions, POST/GET requests, one request, and FixMyStreet's
 * servicerequestupdates. Errors in the specification's format, with the HTTP status as their code.
 */
export { OPEN311_PREFIX };
const MAX_DESCRIPTION = 4000;
const MAX_PAGE_SIZE = 100;

type Format = 'json' | 'xml';

class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const xml = new XMLBuilder({ format: false, suppressEmptyNode: false });

/** One shape for both formats: JSON is the list itself, XML wraps each item in `itemName` under `root`. */
function render(format: Format, root: string, itemName: string, items: unknown[] | Record<string, unknown>, status = 200, headers: Record<string, string> = {}): Response {
  if (format === 'json') {
    return new Response(JSON.stringify(items), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  }
  const body = Array.isArray(items) ? { [root]: { [itemName]: items } } : { [root]: items };
  return new Response(`<?xml version="1.0" encoding="utf-8"?>${xml.build(body)}`, { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers } });
}

function errorResponse(format: Format, error: Open311Error): Response {
  return render(format, 'errors', 'error', [{ code: error.status, description: error.description }], error.status, error.headers);
}

/**
 * The answer to a request that failed on our side (the caller logs it): the specification's error format with
 * 503 and Retry-After when the database is out of reach, else 500 — never the error itself, whose message and
 * stack can hold the SQL parameters (the server adapter's default answer is the stack).
 */
export function open311FailureResponse(request: Request, unavailable: boolean): Response {
  const format: Format = new URL(request.url).pathname.endsWith('.json') ? 'json' : 'xml';
  return errorResponse(
    format,
    unavailable
      ? new Open311Error(503, UNAVAILABLE_MESSAGE, { 'Retry-After': String(RETRY_AFTER_SECONDS) })
      : new Open311Error(500, '服务器内部错误'),
  );
}

/** GeoReport times: ISO 8601 with the offset; we answer in China time. */
function isoChina(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

function parseTime(value: string | null, name: string): Date | undefined {
  if (!value) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new Open311Error(400, `${name} 不是合法的 ISO 8601 时间`);
  return parsed;
}

function publicRequest(row: Open311Row) {
  const service = serviceByCode(row.serviceCode);
  return {
    service_request_id: row.number,
    status: open311StatusOf(row.status),
    status_notes: row.statusNotes ?? '',
    service_name: service?.name ?? '',
    service_code: row.serviceCode,
    agency_responsible: row.unitName,
    service_notice: '',
    requested_datetime: isoChina(row.createdAt),
    updated_datetime: isoChina(row.updatedAt),
  };
}

/** Only key holders who may read the case (its unit subtree, the same rule as GraphQL) see what was reported. */
function detailedRequest(row: Open311Row) {
  return {
    ...publicRequest(row),
    description: row.content,
    address: row.addressString ?? '',
    lat: row.lat ?? '',
    long: row.long ?? '',
    media_url: row.mediaUrl ?? '',
  };
}

interface Caller {
  actor: Actor | null;
  unitPath: string | null;
}

export function createOpen311Handler(deps: RequestAuthDeps & { now: () => Date }) {
  async function authenticate(request: Request, url: URL, form: FormData | null, clientAddress: string | null, cost: number): Promise<Caller> {
    const apiKey = url.searchParams.get('api_key') ?? (form?.get('api_key') as string | null) ?? null;
    const headers = new Headers(request.headers);
    if (apiKey) headers.set('x-api-key', apiKey);
    try {
      const { actor, unitPath, integration } = await authenticateRequest(deps, new Request(request.url, { headers }), {}, clientAddress, deps.now(), cost);
      const outcome = integration.cost!.outcome;
      if (!outcome.allowed) throw new RateLimitedError(outcome.retryAfterSeconds ?? 1);
      return { actor, unitPath };
    } catch (error) {
      if (error instanceof RateLimitedError) throw new Open311Error(429, error.message, { 'Retry-After': String(error.retryAfterSeconds) });
      if (error instanceof AppError) throw new Open311Error(403, `${error.message}（${error.code}）`);
      throw error;
    }
  }

  function mayRead(caller: Caller, row: Open311Row): boolean {
    const key = caller.actor?.apiKey;
    if (!key || !key.scopes.includes('CASES_READ')) return false;
    return canReadCase({ roles: caller.actor!.roles, unitPath: caller.unitPath, petitionerId: null }, { kind: 'APPEAL_REQUEST', ...row, petitionerIds: [] });
  }

  async function getRequests(caller: Caller, url: URL, format: Format, numbers?: string[]) {
    const params = url.searchParams;
    const status = params.get('status');
    if (status && status !== 'open' && status !== 'closed') throw new Open311Error(400, 'status 只能是 open 或 closed');
    const page = Number(params.get('page') ?? 1);
    const pageSize = Number(params.get('page_size') ?? 50);
    if (!Number.isInteger(page) || page < 1) throw new Open311Error(400, 'page 应为正整数');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) throw new Open311Error(400, `page_size 应为 1–${MAX_PAGE_SIZE}`);
    const ids = numbers ?? params.get('service_request_id')?.split(',').map((id) => id.trim()).filter(Boolean);
    const rows = await listOpen311Requests(
      deps.db,
      {
        numbers: ids,
        serviceCode: params.get('service_code') ?? undefined,
        start: parseTime(params.get('start_date'), 'start_date'),
        end: parseTime(params.get('end_date'), 'end_date'),
        status: (status ?? undefined) as 'open' | 'closed' | undefined,
        page,
        pageSize,
      },
      deps.now(),
    );
    if (numbers && rows.length === 0) throw new Open311Error(404, `没有编号为 ${numbers[0]} 的请求`);
    return render(format, 'service_requests', 'request', rows.map((row) => (mayRead(caller, row) ? detailedRequest(row) : publicRequest(row))));
  }

  async function postRequest(caller: Caller, request: Request, form: FormData, format: Format) {
    const actor = caller.actor;
    if (!actor?.apiKey || !actor.apiKey.scopes.includes('CASES_FILE') || !actor.roles.includes('INTEGRATOR')) {
      throw new Open311Error(403, '提交请求需要具有 CASES_FILE 权限的对接系统 api_key');
    }
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const service = serviceByCode(field('service_code') ?? '');
    if (!service) throw new Open311Error(400, 'service_code 不存在');
    const description = field('description');
    if (!description) throw new Open311Error(400, '缺少 description');
    if (description.length > MAX_DESCRIPTION) throw new Open311Error(400, `description 最多 ${MAX_DESCRIPTION} 个字符`);
    const lat = field('lat') === undefined ? null : Number(field('lat'));
    const long = field('long') === undefined ? null : Number(field('long'));
    const addressString = field('address_string') ?? null;
    if ((lat === null || long === null) && !addressString) throw new Open311Error(400, '需要 lat 与 long，或 address_string');
    if ((lat !== null && !(Math.abs(lat) <= 90)) || (long !== null && !(Math.abs(long) <= 180))) throw new Open311Error(400, 'lat/long 超出范围');
    const name = `${field('last_name') ?? ''}${field('first_name') ?? ''}`;
    if (!name) throw new Open311Error(400, '需要 first_name 或 last_name（信访人姓名）');
    const idempotencyKey = request.headers.get('idempotency-key') ?? field('idempotency_key') ?? `open311-${crypto.randomUUID()}`;
    try {
      const input = parseInput(intakeSchema, {
        idempotencyKey,
        kind: service.kind,
        channel: 'ONLINE',
        category: service.name,
        title: description.length > 30 ? `${description.slice(0, 29)}…` : description.padEnd(2, '。'),
        content: description.padEnd(5, '。'),
        placeCode: field('attribute[place_code]') ?? '',
        receivedOn: toChinaDate(deps.now()),
        petitioners: [{ name, identityNumber: field('attribute[identity_number]'), mobile: field('phone') }],
      });
      const result = await intakeCase(deps.db, actor, input, {
        receivingUnitId: actor.unitId!,
        operation: 'open311',
        now: deps.now(),
        onCreated: async (tx, caseId) => {
          await tx.insert(open311Requests).values({ caseId, serviceCode: service.code, lat, long, addressString, mediaUrl: field('media_url') ?? null });
        },
      });
      const [row] = await listOpen311Requests(deps.db, { numbers: [await numberOf(result.caseId)], page: 1, pageSize: 1 }, deps.now());
      return render(format, 'service_requests', 'request', [
        { service_request_id: row.number, service_notice: '已登记，受理与否将在 15 日内告知', account_id: '' },
      ]);
    } catch (error) {
      if (error instanceof InputError) throw new Open311Error(400, error.message);
      if (error instanceof AppError) throw new Open311Error(error.code === 'idempotency/key-reused' ? 409 : 400, `${error.message}（${error.code}）`);
      throw error;
    }
  }

  async function numberOf(caseId: string): Promise<string> {
    const row = await deps.db.query.cases.findFirst({ where: { id: caseId }, columns: { number: true } });
    return row!.number;
  }

  /** Answers a request under /open311/v2/, or null for any other path. */
  return async function handleOpen311(request: Request, clientAddress: string | null): Promise<Response | null> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(OPEN311_PREFIX)) return null;
    const match = /^(.+)\.(json|xml)$/.exec(url.pathname.slice(OPEN311_PREFIX.length));
    const format: Format = match?.[2] === 'json' ? 'json' : 'xml';
    try {
      if (!match) throw new Open311Error(404, '未知的资源；请在路径后加 .json 或 .xml');
      const [resource, id, ...rest] = match[1].split('/');
      if (rest.length) throw new Open311Error(404, '未知的资源');
      const method = request.method.toUpperCase();
      if (resource === 'services' && method === 'GET') {
        await authenticate(request, url, null, clientAddress, 1);
        if (!id) {
          return render(format, 'services', 'service', open311Services.map((s) => ({
            service_code: s.code, service_name: s.name, description: s.description, metadata: true, type: 'realtime', keywords: s.keywords, group: s.group,
          })));
        }
        const service = serviceByCode(decodeURIComponent(id));
        if (!service) throw new Open311Error(404, `没有代码为 ${id} 的服务`);
        return render(format, 'service_definition', 'attribute', {
          service_code: service.code,
          attributes: format === 'xml'
            ? { attribute: open311Attributes.map(attributeDefinition) }
            : open311Attributes.map(attributeDefinition),
        });
      }
      if (resource === 'requests' && method === 'POST' && !id) {
        const form = await request.formData().catch(() => {
          throw new Open311Error(400, '请求体应为 application/x-www-form-urlencoded');
        });
        const caller = await authenticate(request, url, form, clientAddress, 10);
        return await postRequest(caller, request, form, format);
      }
      if (resource === 'requests' && method === 'GET') {
        const caller = await authenticate(request, url, null, clientAddress, 5);
        return await getRequests(caller, url, format, id ? [decodeURIComponent(id)] : undefined);
      }
      if (resource === 'servicerequestupdates' && method === 'GET' && !id) {
        await authenticate(request, url, null, clientAddress, 5);
        const end = parseTime(url.searchParams.get('end_date'), 'end_date') ?? deps.now();
        const start = parseTime(url.searchParams.get('start_date'), 'start_date') ?? new Date(end.getTime() - 86_400_000);
        const updates = await open311Updates(deps.db, start, end);
        return render(format, 'service_request_updates', 'request_update', updates.map((u) => ({
          update_id: String(u.eventId),
          service_request_id: u.number,
          status: fixMyStreetStatusOf(u.status),
          updated_datetime: isoChina(u.occurredAt),
          description: u.label,
          media_url: '',
        })));
      }
      throw new Open311Error(method === 'GET' || method === 'POST' ? 404 : 405, '未知的资源或方法');
    } catch (error) {
      if (error instanceof Open311Error) return errorResponse(format, error);
      if (error instanceof IntegrationError) return errorResponse(format, new Open311Error(403, error.message));
      throw error;
    }
  };
}

function attributeDefinition(attribute: (typeof open311Attributes)[number]) {
  return {
    variable: true,
    code: attribute.code,
    datatype: attribute.datatype,
    required: attribute.required,
    datatype_description: attribute.datatypeDescription,
    order: attribute.order,
    description: attribute.description,
  };
}
