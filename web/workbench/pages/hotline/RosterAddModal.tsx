import { useLayoutEffect, useState } from 'react';
import { App, Checkbox, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import { SHIFTS, type HotlineShift, type HotlineStaff, type RosterBody, type RosterEntry } from '../../../shared/api/hotline.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { weekDays } from './hotlineFormat.js';

interface Values {
  staffId: string;
  shifts: string[];
}

const slot = (day: string, shift: HotlineShift) => `${day}|${shift}`;

interface Props {
  /** the week shown; `preset` is the cell whose 添加 was clicked */
  monday: string;
  open: boolean;
  preset: { day: string; shift: HotlineShift } | undefined;
  staff: HotlineStaff[];
  entries: RosterEntry[];
  onClose: () => void;
  onSaved: () => void;
}

/** 排班: one person on one or more half-days of the week, in one go (each is its own POST; conflicts are named). */
export function RosterAddModal({ monday, open, preset, staff, entries, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const staffId = Form.useWatch('staffId', form);
  const days = weekDays(monday);
  // each opening starts afresh, from the cell that was clicked
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ shifts: preset ? [slot(preset.day, preset.shift)] : [] });
  }, [open, preset, form]);
  const onAlready = new Set(entries.filter((e) => e.staff.id === staffId).map((e) => slot(e.day, e.shift)));

  const submit = async (v: Values) => {
    setBusy(true);
    const failed: string[] = [];
    let added = 0;
    for (const s of v.shifts.filter((s) => !onAlready.has(s)).sort()) {
      const [day, shift] = s.split('|') as [string, HotlineShift];
      const body: RosterBody = { day, shift, staffId: v.staffId };
      try {
        await api.post<RosterEntry>('/hotline/roster', body);
        added += 1;
      } catch (e) {
        failed.push(t('hotline.roster.addFailed', { day, shift: t(`hotline.shifts.${shift}`), reason: errorText(e) }));
      }
    }
    setBusy(false);
    if (added) void message.success(t('hotline.roster.added', { count: added }));
    if (failed.length) void message.error(failed.join('；'), 6);
    onSaved();
  };

  return (
    <Modal
      open={open}
      title={t('hotline.roster.addTitle')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'roster-add-save' } }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={busy}
        onFinish={(v) => void submit(v)}
        initialValues={{ shifts: preset ? [slot(preset.day, preset.shift)] : [] }}
        data-testid="roster-add-form"
      >
        <Form.Item
          name="staffId"
          label={t('hotline.roster.staff')}
          rules={[{ required: true, message: t('hotline.roster.staffRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={staff.map((s) => ({ value: s.id, label: s.name }))}
            data-testid="roster-add-staff"
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="shifts"
          label={t('hotline.roster.shiftsToAdd')}
          rules={[
            {
              validator: async (_, value: string[] | undefined) =>
                (value ?? []).some((s) => !onAlready.has(s)) ? undefined : Promise.reject(new Error(t('hotline.roster.shiftsRequired'))),
            },
          ]}
        >
          <Checkbox.Group style={{ display: 'block' }}>
            <table className="roster-pick" data-testid="roster-add-shifts">
              <thead>
                <tr>
                  <th />
                  {days.map((d, i) => (
                    <th key={d}>
                      {t(`hotline.weekdays.d${i as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)}
                      <div className="roster-pick__date">{d.slice(5)}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {SHIFTS.map((shift) => (
                  <tr key={shift}>
                    <th>{t(`hotline.shifts.${shift}`)}</th>
                    {days.map((d) => {
                      const s = slot(d, shift);
                      return (
                        <td key={d}>
                          {onAlready.has(s) ? (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {t('hotline.roster.alreadyOn')}
                            </Typography.Text>
                          ) : (
                            <Checkbox
                              value={s}
                              aria-label={`${d} ${t(`hotline.shifts.${shift}`)}`}
                              data-testid="roster-add-slot"
                              data-slot={s}
                            />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
