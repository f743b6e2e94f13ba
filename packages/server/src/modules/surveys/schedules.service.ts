// Scheduled report delivery: a wave's PDF report mailed to staff addresses every N days, and the
// jobs (reminders hourly, deliveries every 15 minutes). Engagement's outbox addresses customers
// only and carries no attachments, so reports go to staff through the same SMTP settings directly.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { engagementSettings } from '../engagement/index.ts';
import { reportPdf, type ReportLanguage } from './exports.ts';
import { waveReport } from './reports.service.ts';
import * as repo from './surveys.repository.ts';
import { sendReminders } from './waves.service.ts';

export interface ScheduleView {
  id: string;
  waveId: string;
  recipients: string[];
  everyDays: number;
  language: ReportLanguage;
  nextRunAt: string;
  lastSentAt: string | null;
}

const view = (s: repo.ScheduleRow): ScheduleView => ({
  id: s.id,
  waveId: s.waveId,
  recipients: s.recipients as string[],
  everyDays: s.everyDays,
  language: s.language === 'en' ? 'en' : 'zh-CN',
  nextRunAt: s.nextRunAt.toISOString(),
  lastSentAt: s.lastSentAt?.toISOString() ?? null,
});

export async function listSchedules(deps: Deps, waveId: string): Promise<ScheduleView[]> {
  return (await repo.schedulesOfWave(deps.database.db, waveId)).map(view);
}

export async function scheduleReport(
  deps: Deps,
  ctx: ActorContext,
  waveId: string,
  input: { recipients: string[]; everyDays: number; language: ReportLanguage },
): Promise<ScheduleView> {
  return deps.database.db.transaction(async (tx) => {
    if (!(await repo.findWave(tx, waveId))) throw Problem.notFound('Wave');
    const now = deps.now();
    const s = await repo.insertSchedule(tx, {
      id: randomUUID(),
      waveId,
      recipients: input.recipients,
      everyDays: input.everyDays,
      language: input.language,
      nextRunAt: now,
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'survey.report_scheduled',
      entityType: 'survey_report_schedule',
      entityId: s.id,
      after: { waveId, everyDays: input.everyDays, recipients: input.recipients.length },
    });
    return view(s);
  });
}

/** Mail every due report; returns how many were sent. The row lock keeps two workers from sending one twice. */
export async function deliverDueReports(deps: Deps): Promise<number> {
  const s = engagementSettings(deps);
  if (!s.smtpUrl) return 0;
  const transport = nodemailer.createTransport(s.smtpUrl);
  let sent = 0;
  try {
    await deps.database.db.transaction(async (tx) => {
      for (const due of await repo.dueSchedules(tx, deps.now())) {
        const lang = due.language === 'en' ? 'en' : 'zh-CN';
        const report = await waveReport(deps, due.waveId);
        const pdf = await reportPdf(report, lang);
        await transport.sendMail({
          from: s.smtpFrom,
          to: (due.recipients as string[]).join(', '),
          subject: `${lang === 'en' ? 'Survey report' : '满意度调查报告'}: ${report.wave.name}`,
          text: `${report.wave.name}: ${report.responseRate.completed}/${report.responseRate.invited}`,
          attachments: [
            { filename: `survey-${report.wave.code}.pdf`, content: pdf, contentType: 'application/pdf' },
          ],
        });
        const now = deps.now();
        await repo.updateSchedule(tx, due.id, {
          lastSentAt: now,
          nextRunAt: new Date(now.getTime() + due.everyDays * 86_400_000),
        });
        sent++;
      }
    });
  } finally {
    transport.close();
  }
  return sent;
}

/** Background jobs of the surveys module (server.ts registers them). */
export function surveyJobs(deps: Deps) {
  return [
    {
      queue: 'surveys-reminders',
      cron: '0 * * * *',
      retryLimit: 3,
      handle: async () => void (await sendReminders(deps)),
    },
    {
      queue: 'surveys-report-delivery',
      cron: '*/15 * * * *',
      retryLimit: 3,
      handle: async () => void (await deliverDueReports(deps)),
    },
  ];
}
