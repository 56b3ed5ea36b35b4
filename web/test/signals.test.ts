import { describe, expect, it } from 'vitest';
import { newSessionId, signalProblem } from '../src/p2p/signals';
import file from '../../protocol/src/test/resources/p2p/signal-vectors.json';

/** The same vectors protocol/.../SignalsTest.java runs: both sides refuse the same signals. */
const vectors = (file as unknown as { vectors: { name: string; message: Record<string, unknown>; problem: string | null }[] }).vectors;

describe('signalProblem', () => {
  it('has the shared vectors', () => expect(vectors.length).toBeGreaterThan(10));
  for (const v of vectors) {
    it(v.name, () => expect(signalProblem(v.message)).toBe(v.problem));
  }
  it('makes session ids the rules accept', () => {
    const id = newSessionId();
    expect(signalProblem({ to: 'm-1', session: id, purpose: 'file', kind: 'refuse' })).toBeNull();
    expect(id).toHaveLength(16);
  });
});
