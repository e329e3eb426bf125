import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { AidCaseForObjection, ObjectionDecisionBody, ObjectionListItem } from '../../../shared/api/legalaid-admin.js';
import { formatDateTime, lastDayOf } from '../../../shared/format.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { formatTrackingNo } from '../../../shared/tracking.js';
import { maskName } from './aidAdmin.js';

interface Props {
  row: ObjectionListItem | undefined;
  onClose: () => void;
  /** the decision is stored: the lists load again */
  onDecided: () => void;
  /** someone else decided first: the queue loads again */
  onStale: () => void;
}

interface Values {
  decision: 'uphold' | 'correct';
  reason: string;
}

/** 司法局审查异议: the original decision and the grounds side by side, then uphold or order a correction, with reasons. */
export function ObjectionDecisionModal({ row, onClose, onDecided, onStale }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={row !== undefined}
      title={row ? t('aidAdmin.objections.formTitle', { caseNo: row.caseNo ?? formatTrackingNo(row.trackingNo) }) : undefined}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={680}
    >
      {row && <DecisionForm row={row} onClose={onClose} onDecided={onDecided} onStale={onStale} />}
    </Modal>
  );
}

function DecisionForm({ row: o, onClose, onDecided, onStale }: Omit<Props, 'row'> & { row: ObjectionListItem }) {
  const { t, i18n } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form);
  const lang = i18n.language;
  // the decision objected to is the case's own (the list carries the objection, not the decision)
  const theCase = useApiData((signal) => api.get<AidCaseForObjection>(`/legal-aid/cases/${o.caseId}`, undefined, signal), [o.caseId]);
  const c = theCase.data;

  const original = !c
    ? undefined
    : o.against === 'refusal'
      ? t('aidAdmin.objections.originalRefusal', { at: formatDateTime(c.decidedAt, lang), reason: c.decisionReason ?? '' })
      : t('aidAdmin.objections.originalTermination', {
          at: formatDateTime(c.terminatedAt, lang),
          ground: c.terminationGround ? t(`aid.terminationGrounds.${c.terminationGround as 'deception'}`, { ns: 'common' }) : '',
          reason: c.terminationReason ?? '',
        });
  const loadingOrError = (
    <div data-testid="aid-objection-case-loading">
      {theCase.error !== undefined ? (
        <Typography.Text type="danger">{errorText(theCase.error)}</Typography.Text>
      ) : (
        <Skeleton active title={false} paragraph={{ rows: 1 }} />
      )}
    </div>
  );
  const effect =
    decision === 'uphold'
      ? t('aidAdmin.objections.effectUphold')
      : decision === 'correct'
        ? o.against === 'refusal'
          ? t('aidAdmin.objections.effectCorrectRefusal')
          : t('aidAdmin.objections.effectCorrectTermination')
        : undefined;

  const submit = async (v: Values) => {
    const body: ObjectionDecisionBody = { version: o.version, decision: v.decision, reason: v.reason.trim() };
    setSaving(true);
    setError(undefined);
    try {
      await api.post(`/legal-aid/objections/${o.id}/decision`, body);
      message.success(t('aidAdmin.objections.done', { decision: t(`aidAdmin.objections.decisions.${v.decision}`) }));
      onDecided();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_TRANSITION')) {
        message.warning(t('aidAdmin.objections.alreadyDecided'));
        onStale();
        return;
      }
      setError(e);
      setSaving(false);
    }
  };

  return (
    <>
      <Descriptions
        size="small"
        column={2}
        bordered
        styles={{ label: { whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 16 }}
        data-testid="aid-objection-context"
        items={[
          {
            key: 'applicant',
            label: t('aidAdmin.objections.applicant'),
            children: `${maskName(o.applicantName)}  ${o.phoneMasked}`,
          },
          {
            key: 'matter',
            label: t('aidAdmin.objections.matter'),
            children: c ? t(`aid.matterCategories.${c.matterCategory as 'other'}`, { ns: 'common' }) : loadingOrError,
          },
          { key: 'original', label: t('aidAdmin.objections.original'), span: 2, children: original ?? loadingOrError },
          {
            key: 'grounds',
            label: t('aidAdmin.objections.grounds'),
            span: 2,
            children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{o.grounds}</Typography.Paragraph>,
          },
          {
            key: 'filed',
            label: t('aidAdmin.objections.filedAt'),
            children: `${formatDateTime(o.filedAt, lang)}（${t(`aidAdmin.objections.via.${o.filedVia}`)}）`,
          },
          {
            key: 'due',
            label: t('aidAdmin.objections.due'),
            children: (
              <Typography.Text type={o.dueState === 'overdue' ? 'danger' : o.dueState === 'dueSoon' ? 'warning' : undefined}>
                {lastDayOf(o.dueAt)}（{t(`aidAdmin.objections.dueStates.${o.dueState}`)}）
              </Typography.Text>
            ),
          },
        ]}
      />
      {error !== undefined && (
        <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="aid-objection-error" />
      )}
      <Form<Values> form={form} layout="vertical" disabled={saving} onFinish={(v) => void submit(v)} data-testid="aid-objection-form">
        <Form.Item
          name="decision"
          label={t('aidAdmin.objections.decision')}
          rules={[{ required: true, message: t('aidAdmin.objections.decisionRequired') }]}
          extra={effect}
        >
          <Radio.Group
            options={(['uphold', 'correct'] as const).map((d) => ({
              value: d,
              label: <span data-testid={`aid-objection-${d}`}>{t(`aidAdmin.objections.decisions.${d}`)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('aidAdmin.objections.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('aidAdmin.objections.reasonRequired') }, { max: 2000 }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('aidAdmin.objections.reasonPlaceholder')}
            data-testid="aid-objection-reason"
          />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="aid-objection-submit">
            {t('aidAdmin.objections.submit')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
