import { useLayoutEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { HotlineStaff, RosterEntry, SwapBody } from '../../../shared/api/hotline.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';

interface Props {
  entry: RosterEntry | undefined;
  /** everyone who may be on the roster */
  staff: HotlineStaff[];
  /** the week's entries: a colleague already on that shift cannot take it */
  entries: RosterEntry[];
  onClose: () => void;
  onSent: () => void;
}

/** 申请换班: the person on a shift asks a colleague to take it; it is theirs when the colleague accepts. */
export function SwapModal({ entry, staff, entries, onClose, onSent }: Props) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<SwapBody>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const onShift = new Set(entries.filter((e) => entry && e.day === entry.day && e.shift === entry.shift).map((e) => e.staff.id));
  useLayoutEffect(() => {
    if (!entry) return;
    form.resetFields();
    setError(undefined);
  }, [entry, form]);
  const colleagues = staff.filter((s) => !onShift.has(s.id));

  const submit = async (v: SwapBody) => {
    if (!entry) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/hotline/roster/${entry.id}/swaps`, { toStaffId: v.toStaffId, reason: v.reason.trim() } satisfies SwapBody);
      void message.success(t('hotline.roster.swapSent', { name: staff.find((s) => s.id === v.toStaffId)?.name ?? '' }));
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!entry}
      title={entry && t('hotline.roster.swapTitle', { day: entry.day, shift: t(`hotline.shifts.${entry.shift}`) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('hotline.roster.swapSubmit')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'swap-submit' } }}
      destroyOnHidden
    >
      <Form<SwapBody> form={form} layout="vertical" disabled={busy} onFinish={(v) => void submit(v)} data-testid="swap-form">
        <Form.Item
          name="toStaffId"
          label={t('hotline.roster.swapTo')}
          rules={[{ required: true, message: t('hotline.roster.swapToRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={colleagues.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="swap-to"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('hotline.roster.swapReason')}
          rules={[{ required: true, whitespace: true, message: t('hotline.roster.swapReasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('hotline.roster.swapReasonPlaceholder')}
            data-testid="swap-reason"
          />
        </Form.Item>
        {error !== undefined && <Alert type="error" showIcon title={errorText(error)} data-testid="swap-error" />}
      </Form>
    </Modal>
  );
}
