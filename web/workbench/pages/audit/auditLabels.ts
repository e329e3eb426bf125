import { useTranslation } from 'react-i18next';

/** The lists with an 导出 Excel (their audit action is `export.<list>`). */
export const EXPORTED_LISTS = [
  'requests',
  'aidCases',
  'aidObjections',
  'aidProviders',
  'hotlineCalls',
  'sites',
  'staff',
  'audit',
  'rectifications',
  'followUps',
  'evaluationStats',
  'knowledgeEntries',
  'serviceItems',
] as const;
type ExportedList = (typeof EXPORTED_LISTS)[number];
const isExported = (v: string): v is ExportedList => (EXPORTED_LISTS as readonly string[]).includes(v);

/** The actions and record types the server writes to the audit log today; unknown ones show as their code. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.locked',
  'auth.password_change',
  'staff.create',
  'staff.update',
  'staff.disable',
  'staff.enable',
  'staff.unlock',
  'staff.password_reset',
  'personal.view',
  'site.update',
  'region.update',
  'request.intake',
  'request.dispatch',
  'request.accept',
  'request.return',
  'request.transfer',
  'request.requestMaterials',
  'request.resume',
  'request.conclude',
  'request.supervise',
  'supervision.reply',
  'supervision.close',
  'serviceItem.update',
  'calendar.set',
  'calendar.delete',
  'calendar.load',
  // 导出 Excel of each list (server/modules/exports)
  ...EXPORTED_LISTS.map((list) => `export.${list}` as const),
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  'staff',
  'site',
  'region',
  'serviceRequest',
  'serviceItem',
  'supervisionOrder',
  'calendarDay',
  'calendar',
  'export',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

const isAction = (v: string): v is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(v);
const isEntityType = (v: string): v is AuditEntityType => (AUDIT_ENTITY_TYPES as readonly string[]).includes(v);

export function useAuditLabels() {
  const { t } = useTranslation('workbench');
  return {
    action: (a: string) => {
      const list = a.startsWith('export.') ? a.slice('export.'.length) : '';
      if (isExported(list)) return t('exportList.action', { list: t(`exportList.lists.${list}`) });
      return isAction(a) ? t(`audit.actions.${a as Exclude<AuditAction, `export.${string}`>}`) : a;
    },
    entityType: (e: string) =>
      e === 'export' ? t('exportList.entityType') : isEntityType(e) ? t(`audit.entityTypes.${e as Exclude<AuditEntityType, 'export'>}`) : e,
  };
}
