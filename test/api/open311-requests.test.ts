import { toActor } from '../../src/auth/auth.service';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';
import { haikouNoise, noRequesterIn, open311Client, PHONE, xmlItems } from '../helpers/open311-client';

jest.setTimeout(60_000);

/** Open311 GeoReport v2: GET requests, one by number and lists; never a requester's name or phone. */
let h: ApiHarness;
let api: ReturnType<typeof open311Client>;
let key: string;

beforeAll(async () => {
  h = await openApiHarness();
  api = open311Client(h);
  key = await api.integrationKey('haikou', 'partner');
});
afterAll(async () => {
  await h.close();
});

describe('GET requests', () => {
  let number: string;
  beforeAll(async () => {
    const res = await api.form('/open311/v2/requests.json', {
      api_key: key,
      ...haikouNoise,
      description: '路灯不亮 <script>alert("x")</script> & 噪音',
    });
    number = res.body[0].service_request_id;
  });

  it('shows one request by its number in JSON without the requester', async () => {
    const res = await api.get(`/open311/v2/requests/${number}.json?jurisdiction_id=haikou`).expect(200);
    const order = await api.orderByNumber('haikou', number);
    expect(res.body).toEqual([
      {
        service_request_id: number,
        status: 'open',
        status_notes: expect.stringMatching(/[\u4e00-\u9fff]/),
        service_name: '投诉类：噪音扰民',
        service_code: haikouNoise.service_code,
        description: '路灯不亮 <script>alert("x")</script> & 噪音',
        agency_responsible: '市生态环保局',
        service_notice: expect.stringContaining('承办单位：市生态环保局'),
        requested_datetime: '2026-03-02T01:00:00Z',
        updated_datetime: expect.stringMatching(/Z$/),
        expected_datetime: order.dueAt!.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        address: '龙华区滨海大道100号',
        lat: 20.044,
        long: 110.1999,
      },
    ]);
    noRequesterIn(res.text);
  });

  it('shows it in XML with the description escaped, and never the requester', async () => {
    const res = await api.get(`/open311/v2/requests/${number}.xml?jurisdiction_id=haikou`).expect(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toContain('&lt;script&gt;');
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&amp; 噪音');
    noRequesterIn(res.text);
    const [item] = xmlItems(res.text, 'service_requests', 'request');
    expect(item).toMatchObject({
      service_request_id: number,
      status: 'open',
      description: '路灯不亮 <script>alert("x")</script> & 噪音',
      agency_responsible: '市生态环保局',
    });
  });

  it('answers an unknown number, or a number of another city, with 404', async () => {
    const unknown = await api.get('/open311/v2/requests/HK-20260302-999999.json?jurisdiction_id=haikou').expect(404);
    expect(unknown.body[0]).toEqual({ code: 404, description: expect.stringContaining('HK-20260302-999999') });
    await api.get(`/open311/v2/requests/${number}.xml?jurisdiction_id=sample`).expect(404);
  });

  it('lists requests with status, service_code, number and date filters, without requesters', async () => {
    const op = toActor((await h.runtime.auth.findUser('haikou.hk-op1'))!);
    const partner = toActor((await h.runtime.auth.findUser('haikou.partner-partner'))!);
    // a closed request of the partner channel (marked as the Open311 gateway marks it), and a hotline call
    const answered = await h.runtime.workOrders.intake(partner, {
      city: 'haikou',
      category: 'consultation',
      channel: 'wechat',
      content: '社保卡如何补办',
      requester: { name: '欧阳娜娜', phone: PHONE },
      mode: 'answer',
      answer: '携带身份证到社保大厅办理',
    }, undefined, { source: 'open311', partner: partner.id });
    const hotline = await h.runtime.workOrders.intake(op, {
      city: 'haikou',
      category: 'consultation',
      channel: 'hotline',
      content: '电话咨询：我叫欧阳娜娜，住在某小区3栋',
      requester: { name: '欧阳娜娜', phone: PHONE },
      mode: 'answer',
      answer: '已答复',
    });
    const all = await api.get('/open311/v2/requests.json?jurisdiction_id=haikou').expect(200);
    const numbers = (all.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    expect(numbers).toEqual(expect.arrayContaining([answered.number, number]));
    // Open311 reads are public: orders that did not come in through Open311 are not listed
    expect(numbers).not.toContain(hotline.number);
    await api.get(`/open311/v2/requests/${hotline.number}.json?jurisdiction_id=haikou`).expect(404);
    noRequesterIn(all.text);

    const closed = await api.get('/open311/v2/requests.json?jurisdiction_id=haikou&status=closed').expect(200);
    expect(closed.body).toEqual([
      expect.objectContaining({
        service_request_id: answered.number,
        status: 'closed',
        status_notes: '已即时答复',
        service_code: 'consultation',
        service_notice: null,
      }),
    ]);
    const open = await api.get('/open311/v2/requests.json?jurisdiction_id=haikou&status=open').expect(200);
    expect((open.body as Array<{ status: string }>).every((r) => r.status === 'open')).toBe(true);
    expect((open.body as unknown[]).length).toBe(numbers.length - 1);

    const byService = await api
      .get(`/open311/v2/requests.xml?jurisdiction_id=haikou&service_code=consultation,${haikouNoise.service_code}`)
      .expect(200);
    expect(
      xmlItems(byService.text, 'service_requests', 'request')
        .map((r) => r.service_request_id)
        .sort(),
    ).toEqual([...numbers].sort());
    noRequesterIn(byService.text);
    const byCategory = await api
      .get('/open311/v2/requests.json?jurisdiction_id=haikou&service_code=complaint')
      .expect(200);
    expect(byCategory.body).toEqual([]);

    const byNumber = await api
      .get(
        `/open311/v2/requests.json?jurisdiction_id=haikou&status=open&service_request_id=${answered.number},HK-20200101-000001`,
      )
      .expect(200);
    expect((byNumber.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toEqual([
      answered.number,
    ]);

    const before = await api
      .get(
        '/open311/v2/requests.json?jurisdiction_id=haikou&start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-03-01T00:00:00Z',
      )
      .expect(200);
    expect(before.body).toEqual([]);
    const during = await api
      .get(
        '/open311/v2/requests.json?jurisdiction_id=haikou&start_date=2026-03-02T00:00:00%2B08:00&end_date=2026-03-03T00:00:00%2B08:00',
      )
      .expect(200);
    expect((during.body as unknown[]).length).toBe(numbers.length);
  });

  it('refuses a range over 90 days, an unknown status or service_code, naming the argument', async () => {
    const long = await api
      .get(
        '/open311/v2/requests.json?jurisdiction_id=sample&start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
      )
      .expect(400);
    expect(long.body).toEqual([{ code: 400, description: 'end_date: expected at most 90 days after start_date' }]);
    const status = await api.get('/open311/v2/requests.json?jurisdiction_id=sample&status=pending').expect(400);
    expect(status.body[0].description).toMatch(/^status\.0: expected open or closed/);
    const code = await api.get('/open311/v2/requests.xml?jurisdiction_id=sample&service_code=nope').expect(400);
    expect(xmlItems(code.text, 'errors', 'error')[0]?.description).toMatch(/^service_code: /);
    const date = await api.get('/open311/v2/requests.json?jurisdiction_id=sample&start_date=2026-03-01').expect(400);
    expect(date.body[0].description).toMatch(/^start_date: expected a W3C date-time/);
  });

  it('lists only the last 90 days by default', async () => {
    h.clock.advance(91 * 86_400_000);
    const res = await api.get('/open311/v2/requests.json?jurisdiction_id=haikou').expect(200);
    expect(res.body).toEqual([]);
  });
});
