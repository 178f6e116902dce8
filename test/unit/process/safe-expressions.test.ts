import { checkExpressions, resolveExpression } from '../../../src/engine/process/safe-expressions';

describe('safe expressions', () => {
  const context = {
    environment: {
      services: { outcomeIs: (o: unknown) => o === 'return', after: (d: unknown) => `+${String(d)}` },
      variables: { count: 2, nested: { flag: true } },
    },
    content: { output: { outcome: 'reply' } },
  };

  it('calls whitelisted services with literal arguments', () => {
    expect(resolveExpression("${environment.services.outcomeIs('return')}", context)).toBe(true);
    expect(resolveExpression("${environment.services.outcomeIs('reply')}", context)).toBe(false);
  });

  it('compares with == and != and combines with && || !', () => {
    expect(resolveExpression("${content.output.outcome == 'reply'}", context)).toBe(true);
    expect(resolveExpression("${content.output.outcome != 'reply' || environment.variables.nested.flag}", context)).toBe(true);
    expect(resolveExpression('${!environment.variables.nested.flag && true}', context)).toBe(false);
    expect(resolveExpression('${environment.variables.count == 2}', context)).toBe(true);
  });

  it('interpolates inside a longer string', () => {
    expect(resolveExpression("due ${environment.services.after('24h')}!", context)).toBe('due +24h!');
  });

  it.each([
    ["${environment.constructor.constructor('return process')()}", /constructor/],
    ['${environment.services.__proto__}', /__proto__/],
    ['${process.exit(1)}', /not allowed/],
    ['${environment.timers}', /not allowed/],
    ['${content.x(1)}', /only environment.services/],
    ['${environment.services.a.b()}', /only environment.services/],
    ['${1 + 2}', /unexpected character/],
    ['${a = 1}', /unexpected character|not allowed/],
  ])('refuses %s', (text, reason) => {
    expect(() => checkExpressions(text)).toThrow(reason);
    expect(() => resolveExpression(text, context)).toThrow(reason);
  });

  it('does not reach inherited properties even when they are not named in the text', () => {
    expect(resolveExpression('${environment.services.toString}', context)).toBeUndefined();
    expect(resolveExpression('${environment.variables.hasOwnProperty}', context)).toBeUndefined();
  });
});
