import { type Decision } from '@/features/waves/api/get-waves';

export const decisions: Decision[] = ['go', 'adjust', 'hold', 'stop'];
export const decisionTone = { go: 'good', adjust: 'info', hold: 'warn', stop: 'bad' } as const;
