import type { AssessmentService } from '../engine/assessment/assessment.service';
import { ASSESSMENT_JOB } from '../engine/assessment/assessment-schedule';
import type { DeadlineJobData, DeadlineService } from '../engine/work-order/deadline.service';
import { DEADLINE_JOB, TIMER_JOB } from '../engine/work-order/job-keys';
import type { WorkOrderService } from '../engine/work-order/work-order.service';

export type JobHandler = (data: Record<string, unknown>) => Promise<void>;

/** What each durable job does; shared by the Agenda worker and the virtual runner. */
export function createJobHandlers(
  workOrders: WorkOrderService,
  deadlines: DeadlineService,
  assessments: AssessmentService,
): Record<string, JobHandler> {
  return {
    [ASSESSMENT_JOB]: async () => {
      await assessments.runScheduled();
    },
    [TIMER_JOB]: async (data) => workOrders.fireTimer(String(data.orderId), String(data.activityId)),
    [DEADLINE_JOB]: async (data) => deadlines.fire(data as unknown as DeadlineJobData),
  };
}
