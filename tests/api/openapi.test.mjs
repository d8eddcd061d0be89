// openapi.test.mjs: every answer of the JSON API against its OpenAPI document
// (docs/openapi.json). pok serve runs on a fresh demo database (tests/browser/lib.mjs);
// every /api/ route of the route table (src/web/route.c) is asked for the demo's
// municipalities, one without records and an unknown code, in both versions, and each
// answer's status must be one the document gives for that path, its content type that
// response's, and its body valid against that response's schema: ajv with JSON Schema
// 2020-12, the dialect of OpenAPI 3.1, strict, so that a missing key, an extra one
// (unevaluatedProperties / additionalProperties false) or a wrong type fails. Then the same
// with accounts: 401 without a session, 403 for a municipality the account may not read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { startPok, root } from '../browser/lib.mjs';

const doc = JSON.parse(fs.readFileSync(path.join(root, 'docs/openapi.json'), 'utf8'));

// The schemas under one id, their references turned to it, for ajv (which reads JSON
// Schema, not the OpenAPI document around it).
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('int64', { type: 'number', validate: Number.isSafeInteger });
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
const toAjv = (schema) =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"pok#/$defs/'));
ajv.addSchema({ $id: 'pok', $defs: toAjv(doc.components.schemas) });
const validators = new Map();
function validator(schema) {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) validators.set(key, ajv.compile(toAjv(schema)));
  return validators.get(key);
}

// The routes under /api/ of the route table, as OpenAPI paths: {method, path}.
const routeSource = fs.readFileSync(path.join(root, 'src/web/route.c'), 'utf8');
const apiRoutes = [...routeSource.matchAll(/\{"([A-Z]+)", "(\/api\/[^"]*)"/g)].map((m) => ({
  method: m[1].toLowerCase(),
  path: m[2].replace(/:([a-z_]+)/g, '{$1}'),
}));

function resolve(node) {
  if (!node.$ref) return node;
  const [, kind, name] = node.$ref.match(/^#\/components\/(\w+)\/(.+)$/);
  return doc.components[kind][name];
}

// The problems of one answer against the document, as text; [] when it conforms.
function problems(method, apiPath, status, contentType, text) {
  const op = doc.paths[apiPath]?.[method];
  if (!op) return [`${method} ${apiPath} is not in the document`];
  const declared = op.responses[String(status)];
  if (!declared) return [`status ${status} is not a response of ${method} ${apiPath}`];
  const content = resolve(declared).content || {};
  const type = (contentType || '').split(';')[0].trim();
  if (!content[type]) return [`content type ${type} is not one of ${Object.keys(content)}`];
  let body = text;
  if (type === 'application/json') {
    try {
      body = JSON.parse(text);
    } catch (e) {
      return [`not JSON: ${e.message}`];
    }
  }
  const validate = validator(content[type].schema);
  if (validate(body)) return [];
  return validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

let pok, accounts;
before(async () => {
  pok = await startPok();
  accounts = await startPok({
    prepare: (run) => run(['user', 'add', 'lies', '--role', 'lezer', '--municipality', 'GM1734'],
      'wachtwoord-van-lies\n'),
  });
});
after(async () => {
  await pok?.stop();
  await accounts?.stop();
});

// Ask url (relative to the server base) and check the answer; returns it.
async function check(base, apiPath, url, { expect, cookie } = {}) {
  const res = await fetch(new URL(url, base), { headers: cookie ? { cookie } : {} });
  const text = await res.text();
  const found = problems('get', apiPath, res.status, res.headers.get('content-type'), text);
  assert.deepEqual(found, [], `GET ${url} (${res.status}) against ${apiPath}`);
  if (expect) assert.equal(res.status, expect, `GET ${url}`);
  return { status: res.status, text };
}

test('the document describes exactly the /api/ routes of the route table', () => {
  const described = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item).map((method) => `${method} ${p}`));
  assert.deepEqual(described.sort(), apiRoutes.map((r) => `${r.method} ${r.path}`).sort());
  assert.ok(apiRoutes.length >= 13, `only ${apiRoutes.length} API routes found in route.c`);
});

test('pok serve answers docs/openapi.json at /api/openapi.json', async () => {
  const { text } = await check(pok.url, '/api/openapi.json', '/api/openapi.json', { expect: 200 });
  assert.deepEqual(JSON.parse(text), doc);
});

test('every answer of every API route conforms to the document', async () => {
  const list = JSON.parse((await check(pok.url, '/api/v2/gemeenten', '/api/v2/gemeenten',
    { expect: 200 })).text);
  const withRecords = list.municipalities.filter((m) => m.has_records).map((m) => m.code);
  const without = list.municipalities.find((m) => !m.has_records).code;
  assert.ok(withRecords.length >= 4, 'the demo has four municipalities with records');
  let answers = 0;
  for (const r of apiRoutes) {
    if (r.method !== 'get') continue;
    const urls = r.path.includes('{code}')
      ? [...withRecords, without].map((code) => [r.path.replace('{code}', code), 200])
        .concat([[r.path.replace('{code}', 'GM9999'), 404]])
      : [[r.path, 200]];
    if (doc.paths[r.path].get.parameters?.some((p) => p.name === 'q'))
      urls.push([`${r.path}?q=wijhe`, 200], [`${r.path}?q=zzzz`, 200]);
    // a query parameter that is not UTF-8: refused before the route, as documented
    urls.push([`${urls[0][0]}?q=%FF`, 400]);
    for (const [url, expect] of urls) {
      await check(pok.url, r.path, url, { expect });
      answers++;
    }
  }
  assert.ok(answers >= 70, `only ${answers} answers checked`);
});

test('with accounts: 401 and 403 answers conform to the document', async () => {
  for (const v of ['v1', 'v2']) {
    await check(accounts.url, `/api/${v}/gemeenten`, `/api/${v}/gemeenten`, { expect: 401 });
    await check(accounts.url, `/api/${v}/gemeenten/{code}/dekking`,
      `/api/${v}/gemeenten/GM1734/dekking`, { expect: 401 });
  }
  const base = new URL(accounts.url);
  const login = await fetch(new URL('/inloggen', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base.origin },
    body: 'naam=lies&wachtwoord=wachtwoord-van-lies',
  });
  const cookie = (login.headers.get('set-cookie') || '').split(';')[0];
  assert.match(cookie, /^pok_sessie=./, `login answered ${login.status}`);
  for (const v of ['v1', 'v2']) {
    await check(accounts.url, `/api/${v}/gemeenten`, `/api/${v}/gemeenten`,
      { expect: 403, cookie });
    await check(accounts.url, `/api/${v}/gemeenten/{code}/maatregelen`,
      `/api/${v}/gemeenten/GM0534/maatregelen`, { expect: 403, cookie });
    await check(accounts.url, `/api/${v}/gemeenten/{code}/maatregelen`,
      `/api/${v}/gemeenten/GM1734/maatregelen`, { expect: 200, cookie });
  }
  await check(accounts.url, '/api/openapi.json', '/api/openapi.json', { expect: 200 });
});

// The validation itself is strict: real answers, broken one way at a time, are refused.
test('a missing key, an extra key or a wrong type fails', async () => {
  const res = await fetch(new URL('/api/v2/gemeenten/GM1734/maatregelen', pok.url));
  const answer = await res.json();
  const schema = doc.paths['/api/v2/gemeenten/{code}/maatregelen'].get.responses['200']
    .content['application/json'].schema;
  const valid = (body) => validator(schema)(body);
  assert.ok(valid(answer), 'the answer itself is valid');
  const measure = answer.measures.find((m) => m.evaluations.length && m.source);
  assert.ok(measure, 'a measure with an evaluation and a source');
  const broken = (change) => {
    const copy = structuredClone(answer);
    change(copy.measures[answer.measures.indexOf(measure)]);
    return copy;
  };
  const cases = {
    'a record key missing': (m) => delete m.name,
    'an added key missing': (m) => delete m.coverage_pot_id,
    'an extra key on a measure': (m) => { m.extra = 1; },
    'an extra key on an evaluation': (m) => { m.evaluations[0].extra = 1; },
    'an extra key in a citation': (m) => { m.source.extra = 1; },
    'cents as text': (m) => { m.planned_cents = '100'; },
    'cents as a fraction': (m) => { m.realised_cents = 1.5; },
    'a number list of text': (m) => { m.actielijnen = ['1']; },
    'null for an id': (m) => { m.id = null; },
    'a date that is no date': (m) => { m.evaluations[0].date = 'gisteren'; },
  };
  for (const [name, change] of Object.entries(cases))
    assert.equal(valid(broken(change)), false, `${name} is refused`);
});
