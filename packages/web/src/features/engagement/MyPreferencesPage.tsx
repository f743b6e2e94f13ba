// The student's communication preferences (messages.inbox): the same editor as the consent centre,
// on their own record.
import { Card } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PreferencesEditor } from './PreferencesEditor.tsx';
import { useEngagementT } from './i18n.ts';

export default function MyPreferencesPage() {
  const { et } = useEngagementT();
  return (
    <>
      <PageHeader title={et('preferences.title')} description={et('preferences.description')} />
      <Card withBorder padding="md">
        <PreferencesEditor customerId={null} editable />
      </Card>
    </>
  );
}
