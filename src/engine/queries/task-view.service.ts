import type { Clock } from '../../shared/clock';
import { NotFoundError, UnexpectedError } from '../../shared/errors';
import { maskRequester, readableContent } from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { OrderStatus, Requester, UnitOfWork } from '../ports';
import type { Actor } from '../work-order/actor';
import type { CompleteTaskInput, WorkOrderService } from '../work-order/work-order.service';
import { isOverdue, TaskView, taskView, visibleOrder } from './order-view.service';
import { taskContext, TaskContextView, taskSequence } from './task-context';
import { taskForm, TaskFormView } from './task-form';
import { titleOf } from './work-order-queries';
import { ownValue } from '../../shared/own-key';

/** What a task's page shows of its order (requester masked, content redacted for those who may not see it). */
export interface TaskOrderView {
  id: string;
  number: string;
  category: string;
  title: string;
  content: string;
  status: OrderStatus;
  requester: Requester;
  dueAt: Date | null;
  overdue: boolean;
  channel: string;
  topic: string | null;
  district: string | null;
  address: string | null;
  leadUnit: string | null;
}

export interface TaskDetailView {
  task: TaskView;
  order: TaskOrderView;
  /** The policy's form for this task (of the policy version the order runs under). */
  form: TaskFormView;
  /** What the page shows besides the form: earlier steps to review, what may be done and why not. */
  context: TaskContextView;
  /** The order's other open tasks (where it is waiting). */
  openTasks: TaskView[];
}

export interface CompletedView {
  task: TaskView;
  order: { id: string; number: string; status: OrderStatus; dueAt: Date | null; flags: string[] };
  /** The order's open tasks after the step. */
  openTasks: TaskView[];
}

/** One task with its form, to render it; completing it and telling what the order became. */
export class TaskViewService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    private readonly workOrders: WorkOrderService,
  ) {}

  /** Seen by whoever may see its order (another city: not found; another unit: forbidden). */
  async task(actor: Actor, taskId: string): Promise<TaskDetailView> {
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const task = await repos.tasks.findById(taskId);
      if (!task || task.city !== actor.city) throw new NotFoundError('TASK_NOT_FOUND', `no task ${taskId}`, { taskId });
      const order = await visibleOrder(repos, this.catalog, actor, task.orderId);
      const loaded = this.catalog.policy(order.city, order.policyVersion);
      const policy = loaded.policy;
      const taskPolicy = ownValue(policy.tasks, task.formKey);
      if (!taskPolicy)
        throw new UnexpectedError(
          'TASK_POLICY_MISSING',
          `policy ${order.city}@${order.policyVersion} has no task ${task.formKey}`,
        );
      const history = await repos.tasks.findByOrder(order.id);
      const precedent = order.topic ? ((await repos.precedents.find(order.city, order.topic))?.unit ?? null) : null;
      const seq = taskSequence(await repos.audit.findByOrder(order.id));
      const context = taskContext({ loaded, taskPolicy, actor, order, task, history, now, precedent, seq });
      return {
        task: taskView(task, now),
        order: {
          id: order.id,
          number: order.number,
          category: order.category,
          title: titleOf(order.content),
          content: readableContent(policy, actor, order),
          status: order.status,
          requester: maskRequester(order.requester),
          dueAt: order.dueAt,
          overdue: isOverdue(order, now),
          channel: order.channel,
          topic: order.topic,
          district: order.location.district ?? null,
          address: order.location.address ?? null,
          leadUnit: order.leadUnit,
        },
        form: taskForm(policy, taskPolicy, actor.unit),
        context,
        openTasks: history.filter((t) => t.status === 'open' && t.id !== task.id).map((t) => taskView(t, now)),
      };
    });
  }

  /** WorkOrderService.completeTask (one step), then the order's new status and open tasks. */
  async complete(actor: Actor, taskId: string, input: CompleteTaskInput): Promise<CompletedView> {
    const completed = await this.workOrders.completeTask(actor, taskId, input);
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const order = await repos.orders.findById(completed.orderId);
      if (!order) throw new UnexpectedError('ORDER_MISSING', `order ${completed.orderId} of task ${taskId} vanished`);
      const open = await repos.tasks.findOpenByOrder(order.id);
      return {
        task: taskView(completed, now),
        order: { id: order.id, number: order.number, status: order.status, dueAt: order.dueAt, flags: order.flags },
        openTasks: open.map((t) => taskView(t, now)),
      };
    });
  }
}
