/** The figures for one method on one kind of name, plus a per-noise breakdown. */
export interface Outcome {
  status: 'auto' | 'review' | 'unmatched';
  code: string | null;
  candidates: string[];
  score?: number;
  matchedName?: string | null;
  method?: string;
  reason?: string;
}

export interface Scored {
  truth: string;
  noise: string;
  outcome: Outcome;
}

export interface Metrics {
  n: number;
  nTrue: number;
  nNotInMaster: number;
  autos: number;
  precisionAuto: number; // correct autos / all autos (autos on not-in-master names count as wrong)
  autoShareTrue: number; // correct autos / true aliases
  candidateRecall: number; // truth among candidates (or the auto code) / true aliases
  falseAutoNotInMaster: number; // autos / not-in-master names
  reviewShare: number; // review / all names
  ms: number;
  perNoise: Record<string, { n: number; nTrue: number; autoOk: number; recall: number; wrongAuto: number }>;
}

export const TARGETS = {
  customers: { precisionAuto: 0.995, autoShareTrue: 0.85, candidateRecall: 0.98, falseAutoNotInMaster: 0.005 },
  products: { precisionAuto: 0.995, autoShareTrue: 0.8, candidateRecall: 0.98, falseAutoNotInMaster: 0.005 },
} as const;

export const isWrongAuto = (s: Scored): boolean => s.outcome.status === 'auto' && s.outcome.code !== s.truth;
export const isMissedCandidate = (s: Scored): boolean =>
  s.truth !== '' && s.outcome.code !== s.truth && !s.outcome.candidates.includes(s.truth);

export function computeMetrics(scored: Scored[], ms: number): Metrics {
  const ratio = (a: number, b: number): number => (b === 0 ? NaN : a / b);
  let nTrue = 0, autos = 0, autoOk = 0, recall = 0, nimAuto = 0, review = 0;
  const perNoise: Metrics['perNoise'] = {};
  for (const s of scored) {
    const o = s.outcome;
    const ok = o.status === 'auto' && o.code === s.truth && s.truth !== '';
    const found = s.truth !== '' && !isMissedCandidate(s);
    if (o.status === 'auto') autos++;
    if (o.status === 'review') review++;
    if (s.truth) {
      nTrue++;
      if (ok) autoOk++;
      if (found) recall++;
    } else if (o.status === 'auto') nimAuto++;
    for (const k of s.noise.split('+')) {
      const p = (perNoise[k] ??= { n: 0, nTrue: 0, autoOk: 0, recall: 0, wrongAuto: 0 });
      p.n++;
      if (s.truth) p.nTrue++;
      if (ok) p.autoOk++;
      if (found) p.recall++;
      if (isWrongAuto(s)) p.wrongAuto++;
    }
  }
  const nNim = scored.length - nTrue;
  return {
    n: scored.length, nTrue, nNotInMaster: nNim, autos,
    precisionAuto: ratio(autoOk, autos), autoShareTrue: ratio(autoOk, nTrue), candidateRecall: ratio(recall, nTrue),
    falseAutoNotInMaster: ratio(nimAuto, nNim), reviewShare: ratio(review, scored.length), ms, perNoise,
  };
}
