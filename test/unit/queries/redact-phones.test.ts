import { redactPhones } from '../../../src/engine/queries/work-order-queries';

describe('redactPhones', () => {
  it('masks mobile and landline numbers in text at any depth', () => {
    expect(redactPhones('请回电13812345678，或0898-66668888')).toBe('请回电138****5678，或****8888');
    expect(redactPhones({ note: ['联系 13900001111'] })).toEqual({ note: ['联系 139****1111'] });
  });

  it('leaves identifiers alone (regression: a UUID ending in 11 digits was masked)', () => {
    const taskId = '68860191-76eb-48c3-9c32-f06442708099';
    expect(redactPhones(taskId)).toBe(taskId);
    expect(redactPhones({ taskId: '13812345678', orderId: 'x', data: { id: '13812345678' } })).toEqual({ taskId: '13812345678', orderId: 'x', data: { id: '13812345678' } });
    expect(redactPhones('2026-03-23T15:59:59.999Z')).toBe('2026-03-23T15:59:59.999Z');
  });
});
