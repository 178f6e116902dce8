import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { haikouNoise, open311Client, PHONE, topicCode, xmlItems } from '../helpers/open311-client';

jest.setTimeout(60_000);

/** Open311 GeoReport v2 for partner channels: services and POST requests (GET requests: open311-requests.test.ts). */
let h: ApiHarness;
let api: ReturnType<typeof open311Client>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await openApiHarness();
  api = open311Client(h);
  keys.sample = await api.integrationKey('sample', 'partner');
  keys.haikou = await api.integrationKey('haikou', 'partner');
  keys.sampleOperator = await api.integrationKey('sample', 'operator');
  keys.sampleHandler = await api.integrationKey('sample', 'handler', '新华区');
});
afterAll(async () => {
  await h.close();
});

describe('GET services', () => {
  it('lists the categories and routing topics of a city in JSON, with URL-safe stable codes', async () => {
    const res = await api.get('/open311/v2/services.json?jurisdiction_id=sample').expect(200);
    expect(res.type).toBe('application/json');
    expect(res.body).toContainEqual({
      service_code: 'complaint',
      service_name: '投诉',
      description: '示例市12345热线投诉类诉求。办理时限：15个工作日',
      metadata: false,
      type: 'realtime',
      keywords: '投诉,complaint',
      group: '投诉',
    });
    expect(res.body).toContainEqual(
      expect.objectContaining({
        service_code: topicCode('complaint', '物业管理'),
        service_name: '投诉：物业管理',
        group: '投诉',
      }),
    );
    const codes = (res.body as Array<{ service_code: string }>).map((s) => s.service_code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('gives the same services as GeoReport XML', async () => {
    const json = await api.get('/open311/v2/services.json?jurisdiction_id=haikou').expect(200);
    const res = await api.get('/open311/v2/services.xml?jurisdiction_id=haikou').expect(200);
    expect(res.type).toBe('text/xml');
    expect(res.headers['content-type']).toContain('charset=utf-8');
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const services = xmlItems(res.text, 'services', 'service');
    expect(services).toHaveLength((json.body as unknown[]).length);
    expect(services).toContainEqual({
      service_code: topicCode('complaint', '噪音扰民'),
      service_name: '投诉类：噪音扰民',
      description: '投诉类类诉求，事项：噪音扰民。办理时限：5个工作日',
      metadata: 'false',
      type: 'realtime',
      keywords: '噪音扰民,投诉类',
      group: '投诉类',
    });
  });

  it('answers an unknown jurisdiction with 404 and a missing one with 400, in GeoReport errors', async () => {
    const json = await api.get('/open311/v2/services.json?jurisdiction_id=atlantis').expect(404);
    expect(json.body).toEqual([
      { code: 404, description: expect.stringContaining('jurisdiction_id "atlantis" was not found') },
    ]);
    const xml = await api.get('/open311/v2/services.xml?jurisdiction_id=atlantis').expect(404);
    expect(xml.type).toBe('text/xml');
    expect(xmlItems(xml.text, 'errors', 'error')).toEqual([
      { code: '404', description: expect.stringContaining('atlantis') },
    ]);
    const missing = await api.get('/open311/v2/services.json').expect(400);
    expect(missing.body).toEqual([{ code: 400, description: expect.stringMatching(/^jurisdiction_id: required/) }]);
    const unknownPath = await api.get('/open311/v2/services/complaint.json?jurisdiction_id=sample').expect(404);
    expect(unknownPath.body).toEqual([
      { code: 404, description: expect.stringContaining('no such GeoReport v2 resource') },
    ]);
  });
});

describe('POST requests', () => {
  it('records an order from a form-encoded request of a real city, routed by its topic', async () => {
    const res = await api
      .form('/open311/v2/requests.json', { api_key: keys.haikou!, ...haikouNoise, email: 'x@example.com' })
      .expect(201);
    expect(res.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^HK-20260302-\d{6}$/),
        service_notice: expect.stringContaining('市生态环保局'),
        account_id: null,
      },
    ]);
    const order = await api.orderByNumber('haikou', res.body[0].service_request_id);
    expect(order).toMatchObject({
      category: 'complaint',
      topic: '噪音扰民',
      channel: 'wechat',
      content: haikouNoise.description,
      requester: { name: '欧阳娜娜', phone: PHONE },
      location: { address: '龙华区滨海大道100号' },
      leadUnit: '市生态环保局',
    });
    expect(order.data.geo).toEqual({ lat: 20.044, long: 110.1999 });
    expect(res.body[0].service_notice).toContain(order.number);
  });

  it('takes JSON too, answers in XML on requests.xml, and accepts the readable category:topic alias', async () => {
    const res = await api
      .json('/open311/v2/requests.xml', {
        api_key: keys.sample,
        jurisdiction_id: 'sample',
        service_code: 'complaint:物业管理',
        description: '电梯坏了一周',
        name: '张三',
        phone: '13800001111',
      })
      .expect(201);
    expect(res.type).toBe('text/xml');
    const [created] = xmlItems(res.text, 'service_requests', 'request');
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^SMP-/),
      service_notice: expect.any(String),
      account_id: '',
    });
    const order = await api.orderByNumber('sample', String(created!.service_request_id));
    expect(order).toMatchObject({
      category: 'complaint',
      topic: '物业管理',
      channel: 'wechat',
      leadUnit: '市住房和城乡建设局',
      requester: { name: '张三', phone: '13800001111' },
    });
  });

  it('routes by the district extension and defaults the channel to wechat', async () => {
    const res = await api
      .form('/open311/v2/requests.json', {
        ...haikouNoise,
        api_key: keys.sample!,
        jurisdiction_id: 'sample',
        service_code: 'help',
        district: '卫东区',
      })
      .expect(201);
    const order = await api.orderByNumber('sample', res.body[0].service_request_id);
    expect(order).toMatchObject({
      category: 'help',
      topic: null,
      channel: 'wechat',
      leadUnit: '卫东区',
      location: { district: '卫东区' },
    });
  });

  it('refuses a missing, unknown, foreign or under-privileged api_key with 403', async () => {
    const body = { ...haikouNoise, jurisdiction_id: 'sample', service_code: 'complaint' };
    const none = await api.form('/open311/v2/requests.json', body).expect(403);
    expect(none.body).toEqual([{ code: 403, description: expect.stringContaining('api_key is required') }]);
    const unknown = await api.form('/open311/v2/requests.json', { ...body, api_key: 'mh_not-a-token' }).expect(403);
    expect(unknown.body[0].description).toContain('api_key is unknown');
    const foreign = await api.form('/open311/v2/requests.json', { ...body, api_key: keys.haikou! }).expect(403);
    expect(foreign.body[0].description).toContain('does not belong to jurisdiction_id "sample"');
    const handler = await api.form('/open311/v2/requests.xml', { ...body, api_key: keys.sampleHandler! }).expect(403);
    expect(xmlItems(handler.text, 'errors', 'error')[0]?.description).toContain('an account with the role partner');
    // an operator's token is no api_key either: partners have a role of their own
    const operator = await api.form('/open311/v2/requests.json', { ...body, api_key: keys.sampleOperator! }).expect(403);
    expect(operator.body[0].description).toContain('has the role operator');
  });

  it('names each missing or invalid field with 400, and an unknown service_code with 404', async () => {
    const base = { ...haikouNoise, api_key: keys.haikou! };
    const noDescription = await api.form('/open311/v2/requests.json', { ...base, description: '' }).expect(400);
    expect(noDescription.body).toEqual([{ code: 400, description: expect.stringMatching(/^description: required/) }]);
    const noRequester = await api
      .form('/open311/v2/requests.json', { ...base, phone: ' ', first_name: '', last_name: '', lat: '20.1', long: '' })
      .expect(400);
    const fields = (noRequester.body as Array<{ description: string }>).map((e) => e.description.split(':')[0]);
    expect(fields.sort()).toEqual(['first_name', 'long', 'phone']);
    const badPhone = await api.form('/open311/v2/requests.json', { ...base, phone: '12' }).expect(400);
    expect(badPhone.body).toEqual([{ code: 400, description: expect.stringMatching(/^phone: expected a mobile/) }]);
    const badChannel = await api.form('/open311/v2/requests.json', { ...base, channel: 'pigeon' }).expect(400);
    expect(badChannel.body[0].description).toMatch(/^channel: expected one of hotline, web, wechat, mailbox/);
    const tooLong = await api
      .form('/open311/v2/requests.json', { ...base, description: '长'.repeat(4001) })
      .expect(400);
    expect(tooLong.body).toEqual([{ code: 400, description: 'description: expected at most 4000 characters' }]);
    const tooLarge = await api
      .form('/open311/v2/requests.xml', { ...base, description: 'x'.repeat(70_000) })
      .expect(413);
    expect(xmlItems(tooLarge.text, 'errors', 'error')).toEqual([{ code: '413', description: expect.any(String) }]);
    const unknownService = await api
      .form('/open311/v2/requests.json', { ...base, service_code: 'complaint:不存在的事项' })
      .expect(404);
    expect(unknownService.body[0].description).toContain('service_code "complaint:不存在的事项" was not found');
  });
});

it('documents every Open311 operation in the OpenAPI document, JSON and XML', () => {
  const paths = Object.keys((h.app.locals.openapi as { paths: Record<string, unknown> }).paths).filter((p) =>
    p.startsWith('/open311'),
  );
  expect(paths.sort()).toEqual(
    ['requests.json', 'requests.xml', 'requests/{id}.json', 'requests/{id}.xml', 'services.json', 'services.xml']
      .map((p) => `/open311/v2/${p}`)
      .sort(),
  );
});
