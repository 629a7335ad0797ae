import { PageHeader } from '@/components/ui';

export default function Placeholder() {
  return <PageHeader title="…" />;
}
