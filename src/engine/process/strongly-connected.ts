/**
 * Tarjan's strongly connected components, without recursion (a diagram may have thousands of
 * nodes). Returns the components that hold a cycle: two nodes or more, or one with an edge to itself.
 */
export function cyclicComponents<N>(nodes: readonly N[], next: (node: N) => readonly N[]): N[][] {
  const index = new Map<N, number>();
  const low = new Map<N, number>();
  const onStack = new Set<N>();
  const stack: N[] = [];
  const found: N[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: N; edges: readonly N[]; at: number }> = [];
    const enter = (node: N): void => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), at: 0 });
    };
    enter(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const target = frame.edges[frame.at++];
      if (target !== undefined) {
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: N[] = [];
      let member: N;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || next(frame.node).includes(frame.node)) found.push(component);
    }
  }
  return found;
}
