/**
 * When the monthly assessment runs by itself: an Agenda cron job at 01:00 on the 1st of every
 * month, Asia/Shanghai time (issue 6), which assesses the month just ended for every city with
 * an assessment and publishes it unless the centre already published that month.
 */
export const ASSESSMENT_JOB = 'minhu.assessment-monthly';

export const MONTHLY_ASSESSMENT = {
  name: ASSESSMENT_JOB,
  key: 'assessment:monthly',
  cron: '0 1 1 * *',
  timeZone: 'Asia/Shanghai',
} as const;
