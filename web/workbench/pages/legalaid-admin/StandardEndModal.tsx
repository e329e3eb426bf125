import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { HardshipStandard, HardshipStandardPatch } from '../../../shared/api/legalaid-admin.js';
import { today } from '../../../shared/format.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { markServerFields, ServerError } from './aidAdmin.js';
import { money } from './standards.js';

interface Props {
  /** the standard to end; undefined: closed */
  standard: HardshipStandard | undefined;
  onClose: () => void;
  /** saved, or changed by someone else meanwhile: the table loads again */
  onSaved: () => void;
}

interface Values {
  effectiveTo: Dayjs | null | undefined;
  note: string;
}

const FIELDS = ['effectiveTo', 'note'] as const;

/**
 * 设置截止日期: ends a standard (or moves its end) and corrects its note. Once a standard applies, the days up to
 * today keep it, so the end date can be today at the earliest (the server holds the same rule).
 */
export function StandardEndModal({ standard, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={standard !== undefined}
      title={t('aidAdmin.standards.endTitle')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      width={560}
    >
      {standard && <EndForm standard={standard} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function EndForm({ standard: s, onClose, onSaved }: Omit<Props, 'standard'> & { standard: HardshipStandard }) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const day = today();
  const applies = s.effectiveFrom <= day;
  // the first day the end may fall on: today once it applies, else its first day
  const earliest = applies ? day : s.effectiveFrom;
  const labels: Record<string, string> = { effectiveTo: t('aidAdmin.standards.effectiveTo'), note: t('aidAdmin.standards.note') };

  const save = async (v: Values) => {
    const effectiveTo = v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null;
    const note = v.note.trim();
    const body: HardshipStandardPatch = {
      expected: { effectiveTo: s.effectiveTo, note: s.note, amount: s.amount },
      ...(effectiveTo !== s.effectiveTo ? { effectiveTo } : {}),
      ...(note !== s.note ? { note } : {}),
    };
    if (body.effectiveTo === undefined && body.note === undefined) {
      message.info(t('aidAdmin.providers.noChange'));
      onClose();
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await api.patch<HardshipStandard>(`/legal-aid/standards/${s.id}`, body);
      message.success(t('aidAdmin.standards.endSaved'));
      onSaved();
    } catch (e) {
      setError(e);
      markServerFields(form, e, errorText(e), FIELDS);
      setSaving(false);
    }
  };

  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        styles={{ label: { whiteSpace: 'nowrap', width: 120 } }}
        items={[
          {
            key: 'region',
            label: t('aidAdmin.standards.region'),
            children:
              s.regionCode.length === 2
                ? t('aidAdmin.standards.province', { code: s.regionCode })
                : t('aidAdmin.standards.county', { code: s.regionCode }),
          },
          {
            key: 'threshold',
            label: t('aidAdmin.standards.threshold'),
            children: t('aidAdmin.perPersonMonth', { amount: money(s.threshold) }),
          },
          { key: 'from', label: t('aidAdmin.standards.effectiveFrom'), children: <span className="mono">{s.effectiveFrom}</span> },
        ]}
      />
      <ServerError
        error={error}
        labels={labels}
        testId="aid-standard-end-error"
        action={
          <Button size="small" onClick={onSaved}>
            {t('aidAdmin.reload')}
          </Button>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{ effectiveTo: s.effectiveTo ? dayjs(s.effectiveTo) : null, note: s.note }}
        onFinish={(v) => void save(v)}
        data-testid="aid-standard-end-form"
      >
        <Form.Item
          name="effectiveTo"
          label={labels.effectiveTo}
          extra={applies ? t('aidAdmin.standards.endHintApplies', { day }) : t('aidAdmin.standards.effectiveToHint')}
          rules={[
            {
              validator: async (_, to: Dayjs | null | undefined) => {
                if (to && to.format('YYYY-MM-DD') < earliest)
                  throw new Error(applies ? t('aidAdmin.standards.endBeforeToday') : t('aidAdmin.standards.toBeforeFrom'));
              },
            },
          ]}
        >
          <DatePicker
            format="YYYY-MM-DD"
            style={{ width: 200 }}
            disabledDate={(d) => d.format('YYYY-MM-DD') < earliest}
            placeholder={t('aidAdmin.standards.open')}
            data-testid="aid-standard-end-to"
          />
        </Form.Item>
        <Form.Item name="note" label={labels.note} rules={[{ max: 500 }]}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('aidAdmin.standards.notePlaceholder')}
            data-testid="aid-standard-end-note"
          />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="aid-standard-end-save">
            {t('action.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
