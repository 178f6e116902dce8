/**
 * 附件 (issue 13): every way a unit replies to the requester, and Anshan's on-site check, lets it
 * attach photos and documents; never required (a reply by phone has none).
 */
import { loadPolicies } from '../../../src/engine/policy/load-policies';

/** Each city's reply outcomes (task.outcome), as its policy names them. */
const REPLIES: Record<string, string[]> = {
  anshan: ['handle.resolve', 'handle.explain', 'onSite.done'],
  dazhu: ['handle.reply', 'handle.jointReply'],
  haikou: ['handle.resolved', 'handle.explained', 'handle.unverifiable'],
  huizhou: ['handle.reply', 'handle.replyPartly'],
  pingdingshan: ['handle.reply', 'handle.writtenReply', 'handle.sealedReply'],
};

const policies = loadPolicies('policies', Object.keys(REPLIES));

describe.each(Object.entries(REPLIES))('%s', (city, replies) => {
  it.each(replies)('%s offers an optional files field', (ref) => {
    const [task, outcome] = ref.split('.') as [string, string];
    const t = policies.get(city)!.tasks[task]!;
    const o = t.outcomes![outcome]!;
    const files = [...(o.fields ?? []), ...(t.fields ?? [])].filter((f) => f.type === 'files');
    expect(files.length).toBeGreaterThan(0);
    // pingdingshan's written and sealed replies require their document (PDS-13); the others leave it optional
    if (!/writtenReply|sealedReply/.test(outcome)) expect(files.every((f) => !f.required)).toBe(true);
  });
});
