// Pieces shared by the portfolio pages: tabs, number formats and status badges.
import { Badge, Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import type { KriStatus, RiskLevel } from './api.ts';
import { usePortfolioT } from './i18n.ts';

/** A fraction as a percentage: 0.0523 → "5.23 %". */
export function pct(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)} %`;
}

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** Integer minor units as money in the user's language: 123456 CNY → "¥1,234.56". */
export function money(minor: number, currency: string, lang: string): string {
  const digits = minorDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: digits }).format(
      major,
    );
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

export function PortfolioTabs() {
  const { pt } = usePortfolioT();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { to: '/portfolio', label: pt('tabs.dashboard') },
    { to: '/portfolio/at-risk', label: pt('tabs.atRisk') },
    { to: '/portfolio/register', label: pt('tabs.register') },
    { to: '/portfolio/incidents', label: pt('tabs.incidents') },
  ];
  const current =
    [...tabs].reverse().find((x) => location.pathname === x.to || location.pathname.startsWith(`${x.to}/`))
      ?.to ?? null;
  return (
    <Tabs value={current} onChange={(v) => v && void navigate(v)} mb="md">
      <Tabs.List>
        {tabs.map((x) => (
          <Tabs.Tab key={x.to} value={x.to} data-testid={`portfolio-tab-${x.to.split('/').pop()}`}>
            {x.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

const KRI_COLOURS: Record<KriStatus, string> = { green: 'teal', amber: 'yellow', red: 'red' };
export function KriBadge({ status }: { status: KriStatus | null }) {
  const { pt } = usePortfolioT();
  if (!status) return <>—</>;
  return (
    <Badge color={KRI_COLOURS[status]} variant="filled" data-testid="kri-status">
      {pt(`kriStatus.${status}`)}
    </Badge>
  );
}

export const LEVEL_COLOURS: Record<RiskLevel, string> = {
  low: 'teal',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};
export function LevelBadge({ level, score }: { level: RiskLevel; score: number }) {
  const { pt } = usePortfolioT();
  return (
    <Badge color={LEVEL_COLOURS[level]} variant="light" data-testid="risk-level">
      {pt(`level.${level}`)} · {score}
    </Badge>
  );
}
