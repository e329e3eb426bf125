import type { ReactNode } from 'react';
import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../shared/api/client.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { useCan, useMe } from '../../session/useSession.js';

/**
 * The pool, the standard and the periods belong to the county legal aid center: the server lets an administrator
 * (org.manage) at the county center change them, and everyone with legal aid duties read them.
 */
export function useAidAdmin(): boolean {
  const me = useMe();
  const can = useCan();
  return can('org.manage') && me.siteKind === 'center';
}

/**
 * The form fields a server refusal names: the schema's failures (VALIDATION_FAILED, `body/phone`,
 * `body/assignmentPolicy/days`) and the rule errors that say which field (AID_STANDARD_INVALID, AID_PROVIDER_INVALID).
 */
export function fieldsOfError(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details;
  const names: string[] = [];
  if (Array.isArray(details)) {
    for (const d of details as { field?: unknown }[]) {
      if (typeof d?.field !== 'string') continue;
      const [, first] = d.field.split('/');
      if (first) names.push(first);
    }
  } else if (details && typeof details === 'object') {
    const d = details as Record<string, unknown>;
    if (typeof d.field === 'string') names.push(...d.field.split('/'));
    for (const key of ['regionCode', 'staffId']) if (key in d) names.push(key);
  }
  return [...new Set(names)];
}

/** Marks the fields a refusal names on the form, so that the person sees which entry to fix. */
export function markServerFields(form: FormInstance, error: unknown, message: string, known: readonly string[]): void {
  const fields = fieldsOfError(error).filter((f) => known.includes(f));
  if (fields.length > 0) form.setFields(fields.map((name) => ({ name, errors: [message] })));
}

/**
 * A refusal in the reader's language, naming the fields it concerns. `labels` names the form's fields; fields the
 * form does not have are left out.
 */
export function ServerError({
  error,
  labels,
  conflictText,
  action,
  testId,
}: {
  error: unknown;
  labels: Record<string, string>;
  conflictText?: string;
  /** shown on the alert, e.g. a reload button after a 409 */
  action?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  if (error === undefined) return null;
  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
  const fields = fieldsOfError(error).filter((f) => labels[f]);
  return (
    <Alert
      type={conflict ? 'warning' : 'error'}
      showIcon
      style={{ marginBottom: 16 }}
      title={conflict ? (conflictText ?? t('aidAdmin.conflict')) : errorText(error)}
      description={fields.length > 0 ? t('aidAdmin.serverFields', { fields: fields.map((f) => labels[f]).join('、') }) : undefined}
      action={action}
      data-testid={testId}
    />
  );
}

/** 李建国 → 李**: the queue shows who, without spelling the name out to anyone passing the screen. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}
