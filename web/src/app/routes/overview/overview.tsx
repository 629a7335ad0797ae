import { lazy } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/access';
import { Card, Empty, PageHeader, QueryView } from '@/components/ui';
import { useAdoption, useDepartmentHeatmap, useKpis, useToolKpis } from '@/lib/api/kpis';
import { rangeSearch, useKpiRange } from '@/lib/kpi-range';
import { RangeControls, StaleNotice } from '@/components/RangeControls';
import { PartialPeriodNote } from '@/components/PartialPeriodNote';
import { useAlerts } from '@/features/alerts/api/get-alerts';
import { useWaves } from '@/lib/api/waves';
import { WavesTimeline } from '@/features/waves/components/WavesTimeline';
import { useCurrency } from '@/lib/api/settings';
import { useSpendBetween } from '@/features/budget/api/get-budget';
import { WhenVisible } from '@/components/WhenVisible';
import { KpiCards } from './components/KpiCards';
import { DepthHeatmap } from './components/DepthHeatmap';
import { AdoptionQuality } from './components/AdoptionQuality';
import { AlertsPanel } from './components/AlertsPanel';

// The charts' code (the charting library is most of the page's script) loads when a chart is
// first drawn, after the KPI cards and the heatmap are on screen.
const BreadthDepthChart = lazy(() => import('./components/BreadthDepthChart').then((m) => ({ default: m.BreadthDepthChart })));
const CumulativeChart = lazy(() => import('./components/CumulativeChart').then((m) => ({ default: m.CumulativeChart })));
const ToolsPanel = lazy(() => import('./components/ToolsPanel').then((m) => ({ default: m.ToolsPanel })));
/** A chart's height (260 px) and its "show the table" line: the room a chart keeps before it is drawn. */
const CHART_ROOM = 300;

export default function OverviewRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [range, setRange] = useKpiRange();
  const kpis = useKpis(range);
  // The heatmap's own read: only what it draws, a tenth of the department read at 200 departments.
  const departments = useDepartmentHeatmap(range);
  const adoption = useAdoption(range);
  const tools = useToolKpis(range);
  const alerts = useAlerts(can.readAlerts(me));
  const waves = useWaves(can.readWaves(me));
  const currency = useCurrency();
  const shown = kpis.data?.periods ?? [];
  const activeOf = (period: string) => shown.find((p) => p.period === period)?.depth.activeEmployees;
  // The charts wait for the KPI cards' and the heatmap's figures: those are what the page is for.
  const figuresIn = !kpis.isPending && !departments.isPending;
  const spend = useSpendBetween(range.grain, shown[0]?.start, shown[shown.length - 1]?.end, can.readBudget(me));

  return (
    <div className="overview">
      <PageHeader
        title={t('overview.title')}
        intro={t('overview.intro')}
        actions={
          <button type="button" className="btn btn-small" onClick={() => window.print()}>
            {t('common.print')}
          </button>
        }
      />
      <RangeControls range={range} onChange={setRange} />
      <QueryView query={kpis}>
        {(data) =>
          data.periods.length === 0 ? (
            <Card>
              <Empty>{data.computedAt === null ? t('overview.firstComputation') : t('overview.noData')}</Empty>
            </Card>
          ) : (
            <>
              <StaleNotice stale={data.stale} computedAt={data.computedAt} />
              <KpiCards periods={data.periods} currency={currency} />
              <div className="grid grid-2">
                <Card title={t('overview.breadthDepth')} id="breadth-depth">
                  <WhenVisible minHeight={CHART_ROOM} after={figuresIn}>
                    <BreadthDepthChart periods={data.periods} />
                  </WhenVisible>
                  <PartialPeriodNote period={data.periods[data.periods.length - 1]} />
                </Card>
                <Card title={t('overview.cumulative')} id="cumulative">
                  <WhenVisible minHeight={CHART_ROOM} after={figuresIn}>
                    <CumulativeChart periods={data.periods} currency={currency} spend={spend.data} />
                  </WhenVisible>
                  <PartialPeriodNote period={data.periods[data.periods.length - 1]} />
                </Card>
              </div>
            </>
          )
        }
      </QueryView>
      <Card title={t('overview.heatmap')} id="heatmap">
        <QueryView query={departments} compact>
          {(data) => (
            <>
              <DepthHeatmap data={data} search={rangeSearch(range)} waves={waves.data} />
              <PartialPeriodNote period={data.periods[data.periods.length - 1]} />
            </>
          )}
        </QueryView>
      </Card>
      <Card title={t('tools.title')} id="tools">
        <p className="muted">{t('tools.intro')}</p>
        <QueryView query={tools} compact>
          {(data) =>
            data ? (
              <WhenVisible minHeight={CHART_ROOM + 60} after={figuresIn}>
                <ToolsPanel data={data} activeOf={activeOf} />
              </WhenVisible>
            ) : (
              <p className="muted">{t('tools.unavailable')}</p>
            )
          }
        </QueryView>
      </Card>
      <div className="grid grid-2">
        <Card title={t('overview.quality')} id="quality">
          <p className="muted">{t('overview.qualityIntro')}</p>
          <QueryView query={adoption} compact>
            {(data) => <AdoptionQuality periods={data.periods} />}
          </QueryView>
        </Card>
        <div>
          {can.readAlerts(me) && (
            <Card title={t('overview.alerts')} id="alerts">
              <QueryView query={alerts} compact>
                {(items) => <AlertsPanel alerts={items} canAcknowledge={can.acknowledgeAlert(me)} />}
              </QueryView>
            </Card>
          )}
          {can.readWaves(me) && (
            <Card title={t('overview.waves')} id="waves">
              <QueryView query={waves} compact>
                {(items) => <WavesTimeline waves={items} />}
              </QueryView>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
