// The complaint register on its own page, for compliance: every complaint with the regulator's
// deadline and whether it was answered in time, with the CSV export.
import { PageHeader } from '../../components/PageHeader.tsx';
import { useDeskT } from './i18n.ts';
import { Register } from './PerformancePage.tsx';

export default function ComplaintRegisterPage() {
  const { dt } = useDeskT();
  return (
    <>
      <PageHeader title={dt('register.title')} description={dt('register.description')} />
      <Register />
    </>
  );
}
