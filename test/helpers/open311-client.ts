import request from 'supertest';
import { create } from 'xmlbuilder2';
import type { Role } from '../../src/engine/work-order/actor';
import type { WorkOrder } from '../../src/engine/ports';
import type { ApiHarness } from './api-harness';
import { openApiChecker } from './openapi-check';

/** A requester whose name and phone must never appear in an Open311 answer. */
export const NAME = { last_name: '欧阳', first_name: '娜娜' };
export const PHONE = '13912345678';

/** The documented service_code of a topic: `<category>.<base64url of the topic>`. */
export const topicCode = (category: string, topic: string): string =>
  `${category}.${Buffer.from(topic, 'utf8').toString('base64url')}`;

/** A GeoReport POST of 海口 (a real city): a noise complaint, routed by its topic. */
export const haikouNoise = {
  jurisdiction_id: 'haikou',
  service_code: topicCode('complaint', '噪音扰民'),
  description: '小区旁工地夜间施工，噪音很大',
  ...NAME,
  phone: PHONE,
  address_string: '龙华区滨海大道100号',
  lat: '20.0440',
  long: '110.1999',
};

export function noRequesterIn(text: string): void {
  for (const secret of [PHONE, '5678', NAME.last_name, NAME.first_name]) expect(text).not.toContain(secret);
}

interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
}

/** The items of a GeoReport XML document, each as its fields' text (an empty element is ''). */
export function xmlItems(text: string, root: string, item: string): Array<Record<string, string>> {
  const doc = create(text).root().node as unknown as XmlNode;
  expect(doc.nodeName).toBe(root);
  const elements = (node: XmlNode) => Array.from(node.childNodes).filter((n) => n.nodeType === 1);
  return elements(doc)
    .filter((n) => n.nodeName === item)
    .map((n) => Object.fromEntries(elements(n).map((f) => [f.nodeName, f.textContent ?? ''])));
}

/** Open311 calls on the harness, every response checked against the OpenAPI document. */
export function open311Client(h: ApiHarness) {
  const check = openApiChecker(h.app.locals.openapi as Parameters<typeof openApiChecker>[0]);
  return {
    get: (path: string) =>
      request(h.app)
        .get(path)
        .expect((res) => check('GET', path, res)),
    form: (path: string, form: Record<string, string>) =>
      request(h.app)
        .post(path)
        .type('form')
        .send(form)
        .expect((res) => check('POST', path, res)),
    json: (path: string, body: object) =>
      request(h.app)
        .post(path)
        .send(body)
        .expect((res) => check('POST', path, res)),

    /** An integration account of the city (e.g. its WeChat account's server) and an API token of it. */
    async integrationKey(city: string, role: Role, unit?: string): Promise<string> {
      const policy = h.runtime.catalog.policy(city).policy;
      const user = await h.runtime.auth.createUser({
        username: `${city}.partner-${role}`,
        password: 'a-long-integration-password',
        city,
        displayName: '微信公众号对接',
        role,
        unit: unit ?? policy.centre,
      });
      return (await h.runtime.auth.createToken(user, user.username, '微信公众号')).token;
    },

    async orderByNumber(city: string, number: string): Promise<WorkOrder> {
      const order = await h.runtime.uow.run((repos) => repos.orders.findByNumber(city, number));
      if (!order) throw new Error(`no order ${number}`);
      return order;
    },
  };
}
