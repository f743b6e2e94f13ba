import { Tabs } from '@mantine/core';
import { IconChartLine, IconTable } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { IncomeDrivenTab } from './IncomeDrivenTab.tsx';
import { ScheduleTab } from './ScheduleTab.tsx';

export default function CalculatorPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'income-driven' ? 'income-driven' : 'schedule';

  return (
    <>
      <PageHeader title={t('calculator.title')} description={t('calculator.description')} />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === 'income-driven' ? { tab: v } : {}, { replace: true })}
        keepMounted
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="schedule" leftSection={<IconTable size={16} />}>
            {t('calculator.scheduleTab')}
          </Tabs.Tab>
          <Tabs.Tab value="income-driven" leftSection={<IconChartLine size={16} />} data-testid="tab-income-driven">
            {t('calculator.incomeDrivenTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="schedule">
          <ScheduleTab />
        </Tabs.Panel>
        <Tabs.Panel value="income-driven">
          <IncomeDrivenTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
