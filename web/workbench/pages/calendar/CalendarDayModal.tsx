import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { CalendarDay, CalendarDayKind } from '../../../shared/api/types.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { isWeekend } from './yearGrid.js';

/** What the modal edits: a day that has an entry, a day clicked in the grid, or a new day to pick. */
export type DayEditing = { date?: string; entry?: CalendarDay };

interface Values {
  date: Dayjs;
  kind: CalendarDayKind;
  name: string;
}

interface Props {
  editing: DayEditing | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** Sets a day off (holiday) or a worked weekend day (调休上班), or removes a day's entry. */
export function CalendarDayModal({ editing, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal
      open={editing !== undefined}
      title={editing?.entry ? t('calendar.editDay') : t('calendar.addDay')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {editing && <DayForm editing={editing} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function DayForm({ editing, onClose, onSaved }: Omit<Props, 'editing'> & { editing: DayEditing }) {
  const { t } = useTranslation('workbench');
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const date = editing.entry?.date ?? editing.date;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      message.success(done);
      onSaved();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const save = (v: Values) => {
    const day = v.date.format('YYYY-MM-DD');
    void run(() => api.put<CalendarDay>(`/calendar/${day}`, { kind: v.kind, name: v.name.trim() }), t('calendar.saved', { date: day }));
  };
  const remove = (entry: CalendarDay) =>
    modal.confirm({
      title: t('calendar.deleteConfirm', { date: entry.date, name: entry.name }),
      okText: t('action.ok'),
      cancelText: t('action.cancel'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'confirm-ok' } },
      onOk: () => run(() => api.del(`/calendar/${entry.date}`), t('calendar.deleted', { date: entry.date })),
    });

  return (
    <Form<Values>
      layout="vertical"
      onFinish={save}
      disabled={busy}
      initialValues={{
        date: date ? dayjs(date) : undefined,
        kind: editing.entry?.kind ?? (date && isWeekend(date) ? 'workday' : 'holiday'),
        name: editing.entry?.name ?? '',
      }}
      data-testid="calendar-day-form"
    >
      <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('calendar.dateRequired') }]}>
        <DatePicker format="YYYY-MM-DD" disabled={date !== undefined} style={{ width: 200 }} data-testid="calendar-day-date" />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('calendar.kind')}
        dependencies={['date']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, kind: CalendarDayKind) => {
              const d = getFieldValue('date') as Dayjs | undefined;
              if (kind === 'workday' && d && !isWeekend(d.format('YYYY-MM-DD'))) throw new Error(t('calendar.workdayWeekend'));
            },
          }),
        ]}
      >
        <Radio.Group
          options={[
            { value: 'holiday', label: t('calendar.kinds.holiday') },
            { value: 'workday', label: t('calendar.kinds.workday') },
          ]}
          data-testid="calendar-day-kind"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('calendar.name')}
        rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }, { max: 40 }]}
      >
        <Input maxLength={40} placeholder={t('calendar.namePlaceholder')} data-testid="calendar-day-name" />
      </Form.Item>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <span>
          {editing.entry && (
            <Button danger onClick={() => editing.entry && remove(editing.entry)} data-testid="calendar-day-delete">
              {t('calendar.delete')}
            </Button>
          )}
        </span>
        <Space>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="calendar-day-save">
            {t('action.save')}
          </Button>
        </Space>
      </Space>
    </Form>
  );
}
