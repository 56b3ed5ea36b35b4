import { describe, expect, it } from 'vitest';
import { meshPairs, meshSizeOf, type Seat } from '../src/p2p/meshRule';
import file from '../../protocol/src/test/resources/p2p/mesh-vectors.json';

/** The same vectors protocol/.../PeerMeshRuleVectorsTest.java runs: both sides pair the same members. */
interface Case {
  readonly name: string;
  readonly members: Seat[];
  readonly sizes: Record<string, number>;
  readonly pairs: [string, string, boolean][];
}
const cases = (file as unknown as { cases: Case[] }).cases;

describe('meshRule', () => {
  it('has the shared vectors', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const c of cases) {
    it(c.name, () => {
      for (const [me, size] of Object.entries(c.sizes)) expect(meshSizeOf(c.members, me), `size for ${me}`).toBe(size);
      for (const [offerer, answerer, pairs] of c.pairs) {
        expect(meshPairs(c.members, offerer, answerer), `${offerer} offers ${answerer}`).toBe(pairs);
      }
    });
  }
});
