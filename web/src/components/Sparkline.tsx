/** A tiny inline line chart: decoration for a number that is also written out. */
export function Sparkline({ values, width = 120, height = 32, color = 'var(--c-blue)' }: { values: (number | null)[]; width?: number; height?: number; color?: string }) {
  const points = values.map((v, i) => ({ v, i })).filter((p): p is { v: number; i: number } => p.v != null && !Number.isNaN(p.v));
  if (points.length < 2) return <svg className="sparkline" width={width} height={height} aria-hidden="true" />;
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const span = max - min || 1;
  const n = Math.max(values.length - 1, 1);
  const x = (i: number) => (i / n) * (width - 4) + 2;
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const d = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke={color} strokeWidth={1.75} strokeLinejoin="round" />
      <circle cx={x(last.i)} cy={y(last.v)} r={2.5} fill={color} />
    </svg>
  );
}
