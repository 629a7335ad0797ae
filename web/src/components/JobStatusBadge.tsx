import { useI18n } from '@/lib/i18n/i18n';
import { Badge } from '@/components/ui';

const tone: Partial<Record<string, 'good' | 'bad' | 'info' | 'neutral'>> = { succeeded: 'good', failed: 'bad', running: 'info', queued: 'neutral' };

export function JobStatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return <Badge tone={tone[status] ?? 'neutral'}>{tx(`jobStatus.${status}`, status)}</Badge>;
}
