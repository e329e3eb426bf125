import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api/client.js';
import type { HardshipStandard, HardshipStandardBody, StandardBase, StandardBasis } from '../../../shared/api/legalaid-admin.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { markServerFields, ServerError } from './aidAdmin.js';
import { money, thresholdOf } from './standards.js';

interface Props {
  open: boolean;
  countyCode: string;
  onClose: () => void;
  onSaved: () => void;
}

interface Values {
  regionCode: string;
  basis: StandardBasis;
  amount: number | null;
  baseName: StandardBase | undefined;
  multiple: number | null;
  effectiveFrom: Dayjs | undefined;
  effectiveTo: Dayjs | null | undefined;
  note: string;
}

const FIELDS = ['regionCode', 'basis', 'amount', 'baseName', 'multiple', 'effectiveFrom', 'effectiveTo', 'note'] as const;

/** A new hardship standard (art. 34): the province's or the county's, with the threshold it gives shown as it is typed. */
export function StandardModal({ open, countyCode, onClose, onSaved }: Props) {
  const { t } = useTranslation('workbench');
  return (
    <Modal open={open} title={t('aidAdmin.standards.addTitle')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      {open && <StandardForm countyCode={countyCode} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function StandardForm({ countyCode, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const basis = Form.useWatch('basis', form);
  const amount = Form.useWatch('amount', form);
  const baseName = Form.useWatch('baseName', form);
  const multiple = Form.useWatch('multiple', form);
  const province = countyCode.slice(0, 2);

  const labels: Record<string, string> = {
    regionCode: t('aidAdmin.standards.region'),
    basis: t('aidAdmin.standards.basis'),
    amount: t('aidAdmin.standards.amount'),
    baseName: t('aidAdmin.standards.baseName'),
    multiple: t('aidAdmin.standards.multiple'),
    effectiveFrom: t('aidAdmin.standards.effectiveFrom'),
    effectiveTo: t('aidAdmin.standards.effectiveTo'),
    note: t('aidAdmin.standards.note'),
  };

  let preview: string | undefined;
  if (typeof amount === 'number' && amount > 0) {
    if (basis === 'perCapitaIncome') preview = t('aidAdmin.standards.formulaDirect', { threshold: money(amount) });
    else if (baseName && typeof multiple === 'number' && multiple > 0)
      preview = t('aidAdmin.standards.formula', {
        base: t(`aidAdmin.standards.baseNames.${baseName}`),
        amount: money(amount),
        multiple,
        threshold: money(thresholdOf({ basis: 'multipleOfBase', amount, multiple })),
      });
  }

  const save = async (v: Values) => {
    const body: HardshipStandardBody = {
      regionCode: v.regionCode,
      basis: v.basis,
      amount: v.amount ?? 0,
      effectiveFrom: v.effectiveFrom!.format('YYYY-MM-DD'),
      ...(v.basis === 'multipleOfBase' ? { baseName: v.baseName, multiple: v.multiple ?? undefined } : {}),
      ...(v.effectiveTo ? { effectiveTo: v.effectiveTo.format('YYYY-MM-DD') } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    setSaving(true);
    setError(undefined);
    try {
      const saved = await api.post<HardshipStandard>('/legal-aid/standards', body);
      message.success(`${t('aidAdmin.standards.added')}：${t('aidAdmin.perPersonMonth', { amount: money(saved.threshold) })}`);
      onSaved();
    } catch (e) {
      setError(e);
      markServerFields(form, e, errorText(e), FIELDS);
      setSaving(false);
    }
  };

  return (
    <>
      <ServerError error={error} labels={labels} testId="aid-standard-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{ regionCode: province, basis: 'multipleOfBase', baseName: 'minimumWage', multiple: 1, amount: null, note: '' }}
        onFinish={(v) => void save(v)}
        data-testid="aid-standard-form"
      >
        <Form.Item name="regionCode" label={labels.regionCode} extra={t('aidAdmin.standards.regionHint')}>
          <Radio.Group
            options={[
              { value: province, label: t('aidAdmin.standards.province', { code: province }) },
              { value: countyCode, label: t('aidAdmin.standards.county', { code: countyCode }) },
            ]}
            data-testid="aid-standard-region"
          />
        </Form.Item>
        <Form.Item name="basis" label={labels.basis}>
          <Radio.Group
            optionType="button"
            options={(['multipleOfBase', 'perCapitaIncome'] as const).map((b) => ({ value: b, label: t(`aidAdmin.standards.bases.${b}`) }))}
            data-testid="aid-standard-basis"
          />
        </Form.Item>
        {basis === 'multipleOfBase' ? (
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item
                name="baseName"
                label={labels.baseName}
                rules={[{ required: true, message: t('aidAdmin.standards.baseRequired') }]}
              >
                <Select
                  options={(['minimumWage', 'minimumLivingStandard'] as const).map((b) => ({
                    value: b,
                    label: t(`aidAdmin.standards.baseNames.${b}`),
                  }))}
                  data-testid="aid-standard-base"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="amount"
                label={t('aidAdmin.standards.amountBase')}
                rules={[{ required: true, message: t('aidAdmin.standards.amountRequired') }]}
              >
                <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: '100%' }} data-testid="aid-standard-amount" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="multiple"
                label={labels.multiple}
                tooltip={t('aidAdmin.standards.multipleHint')}
                rules={[{ required: true, message: t('aidAdmin.standards.multipleRequired') }]}
              >
                <InputNumber min={0.01} max={20} step={0.1} style={{ width: '100%' }} data-testid="aid-standard-multiple" />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Form.Item
            name="amount"
            label={t('aidAdmin.standards.amountPerCapita')}
            rules={[{ required: true, message: t('aidAdmin.standards.amountRequired') }]}
          >
            <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: 240 }} data-testid="aid-standard-amount" />
          </Form.Item>
        )}
        <Alert
          type={preview ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={preview ? t('aidAdmin.standards.preview', { text: preview }) : t('aidAdmin.standards.thresholdHelp')}
          description={t('aidAdmin.standards.howShort')}
          data-testid="aid-standard-preview"
        />
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="effectiveFrom"
              label={labels.effectiveFrom}
              rules={[{ required: true, message: t('aidAdmin.standards.fromRequired') }]}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="aid-standard-from" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="effectiveTo"
              label={labels.effectiveTo}
              extra={t('aidAdmin.standards.effectiveToHint')}
              dependencies={['effectiveFrom']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, to: Dayjs | null | undefined) => {
                    const from = getFieldValue('effectiveFrom') as Dayjs | undefined;
                    if (to && from && to.isBefore(from, 'day')) throw new Error(t('aidAdmin.standards.toBeforeFrom'));
                  },
                }),
              ]}
            >
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="aid-standard-to" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={labels.note} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('aidAdmin.standards.notePlaceholder')} data-testid="aid-standard-note" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="aid-standard-save">
            {t('action.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
