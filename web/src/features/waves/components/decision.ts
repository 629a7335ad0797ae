import { type Decision } from '@/lib/api/waves';

export const decisions: Decision[] = ['go', 'adjust', 'hold', 'stop'];
export const decisionTone = { go: 'good', adjust: 'info', hold: 'warn', stop: 'bad' } as const;
