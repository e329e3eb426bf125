/**
 * Compile-time only: fails the type check when the server's schemas and the web's copies drift apart.
 * Nothing here reaches a bundle (type imports and type aliases are erased).
 */
import type { Static } from 'typebox';
import type { Permission as ServerPermission, Post as ServerPost } from '../../../server/modules/auth/permissions.js';
import type { listNotifications } from '../../../server/modules/notify/notifications.service.js';
import type { Facility as ServerFacility } from '../../../server/modules/org/county-import.js';
import type { Site as SiteSchema, Staff as StaffSchema } from '../../../server/modules/org/org.schemas.js';
import type { listAttachments } from '../../../server/modules/requests/attachments.service.js';
import type { Channel as ServerChannel } from '../../../server/modules/requests/catalogue-defaults.js';
import type { receiptFor } from '../../../server/modules/requests/receipt.service.js';
import type * as R from '../../../server/modules/requests/requests.schemas.js';
import type { Queue as ServerQueue } from '../../../server/modules/requests/requests.service.js';
import type { SupervisionView } from '../../../server/modules/requests/supervision.service.js';
import type { Action as ServerAction } from '../../../server/modules/requests/workflow.js';
import type * as C from '../../../server/modules/timelimits/calendar.schemas.js';
import type { Channel, Facility, Post, Queue, RequestAction, RequestStatus } from '../labels.js';
import type {
  CalendarDay,
  CalendarYear,
  CalendarYears,
  CitizenReceipt,
  CitizenView,
  DeskIntake,
  DispatchTarget,
  EvaluationInput,
  NotificationList,
  Permission,
  PublicIntake,
  PublicReceipt,
  Receipt,
  RequestAttachment,
  ServiceItem,
  ServiceItemPatch,
  ServiceRequest,
  Site,
  Staff,
  SupervisionOrder,
  TextSent,
  TimelineEvent,
} from './types.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type Contract = [
  Assert<Same<Post, ServerPost>>,
  Assert<Same<Facility, ServerFacility>>,
  Assert<Same<Permission, ServerPermission>>,
  Assert<Same<Site, Static<typeof SiteSchema>>>,
  Assert<Same<Staff, Static<typeof StaffSchema>>>,
  Assert<Same<Channel, ServerChannel>>,
  Assert<Same<Queue, ServerQueue>>,
  Assert<Same<RequestAction, ServerAction>>,
  Assert<Same<RequestStatus, Static<typeof R.Status>>>,
  Assert<Same<ServiceItem, Static<typeof R.ServiceItem>>>,
  Assert<Same<ServiceItemPatch, Static<typeof R.ServiceItemPatch>>>,
  Assert<Same<ServiceRequest, Static<typeof R.Request>>>,
  Assert<Same<TimelineEvent, Static<typeof R.TimelineEvent>>>,
  Assert<Same<DispatchTarget, Static<typeof R.DispatchTarget>>>,
  Assert<Same<DeskIntake, Static<typeof R.DeskIntakeBody>>>,
  Assert<Same<PublicIntake, Static<typeof R.PublicIntakeBody>>>,
  Assert<Same<PublicReceipt, Static<typeof R.PublicReceipt>>>,
  Assert<Same<CitizenView, Static<typeof R.CitizenView>>>,
  Assert<Same<CitizenReceipt, Static<typeof R.CitizenReceipt>>>,
  Assert<Same<TextSent, Static<typeof R.TextSent>>>,
  Assert<Same<EvaluationInput, Static<typeof R.EvaluationBody>>>,
  Assert<Same<Receipt, Awaited<ReturnType<typeof receiptFor>>>>,
  Assert<Same<SupervisionOrder, SupervisionView>>,
  Assert<Same<RequestAttachment[], Awaited<ReturnType<typeof listAttachments>>>>,
  Assert<Same<NotificationList, Awaited<ReturnType<typeof listNotifications>>>>,
  Assert<Same<CalendarDay, Static<typeof C.CalendarDay>>>,
  Assert<Same<CalendarYear, Static<typeof C.CalendarYear>>>,
  Assert<Same<CalendarYears, Static<typeof C.CalendarYears>>>,
];
