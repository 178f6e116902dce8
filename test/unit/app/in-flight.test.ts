import { trackInFlight } from '../../../src/app/in-flight';
import type { Repositories, UnitOfWork } from '../../../src/engine/ports';

/** A unit of work whose `run` and `read` hand the callback no repositories (none are used here). */
const bare: UnitOfWork = {
  run: (fn) => fn({} as Repositories),
  read: (fn) => fn({} as Repositories),
};

function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

describe('trackInFlight', () => {
  it('counts running transactions and reads, and idle() waits for both to finish', async () => {
    const uow = trackInFlight(bare);
    const tx = gate();
    const rd = gate();
    const running = uow.run(() => tx.wait.then(() => 'tx'));
    const reading = uow.read(() => rd.wait.then(() => 'read'));
    expect(uow.running()).toBe(2);
    let idle = false;
    const idling = uow.idle(5_000).then((left) => {
      idle = true;
      return left;
    });
    tx.open();
    expect(await running).toBe('tx');
    expect(uow.running()).toBe(1);
    expect(idle).toBe(false);
    rd.open();
    expect(await reading).toBe('read');
    expect(await idling).toBe(0);
    expect(uow.running()).toBe(0);
  });

  it('counts a failed transaction out and rethrows its error', async () => {
    const uow = trackInFlight(bare);
    const failure = new Error('boom');
    await expect(uow.run(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(uow.running()).toBe(0);
    expect(await uow.idle(10)).toBe(0);
  });

  it('idle() gives up after its timeout and says how many still run', async () => {
    const uow = trackInFlight(bare);
    const never = gate();
    void uow.read(() => never.wait);
    expect(await uow.idle(20)).toBe(1);
    never.open();
  });
});
