import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Switch, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../shared/api/client.js';
import type { AidSettings, AidSettingsPatch } from '../../../shared/api/legalaid-admin.js';
import type { TimeLimitPolicy } from '../../../shared/api/types.js';
import { useApiData } from '../../../shared/hooks/useApiData.js';
import { useErrorText } from '../../../shared/hooks/useErrorText.js';
import { markServerFields, ServerError } from './aidAdmin.js';

type Values = Omit<AidSettings, 'countyCode' | 'version'>;
const FIELDS = [
  'materialsDays',
  'objectionDays',
  'objectionBasis',
  'firstReviewPolicy',
  'assignmentPolicy',
  'objectionPolicy',
  'pledgeAllowed',
] as const;

/** 期限设置: the county's periods, each with the article it rests on; the center's administrator changes them. */
export function PeriodsCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation('workbench');
  const errorText = useErrorText();
  const settings = useApiData((signal) => api.get<AidSettings>('/legal-aid/settings', undefined, signal), []);
  return (
    <Card
      size="small"
      title={t('aidAdmin.settings.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={settings.reload} aria-label={t('action.refresh')} />}
      data-testid="aid-settings"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('aidAdmin.settings.intro')}
      </Typography.Paragraph>
      {settings.error !== undefined && <Alert type="error" showIcon title={errorText(settings.error)} style={{ marginBottom: 12 }} />}
      {settings.data && (
        <PeriodsForm
          key={settings.data.version}
          settings={settings.data}
          admin={admin}
          onSaved={settings.reload}
          onReload={settings.reload}
        />
      )}
    </Card>
  );
}

function PeriodsForm({
  settings,
  admin,
  onSaved,
  onReload,
}: {
  settings: AidSettings;
  admin: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('workbench');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const assignmentDays = Form.useWatch(['assignmentPolicy', 'days'], form);
  const reviewDays = Form.useWatch(['objectionPolicy', 'days'], form);
  const objectionDays = Form.useWatch('objectionDays', form);
  const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';

  const labels: Record<string, string> = {
    materialsDays: t('aidAdmin.settings.materialsDays'),
    objectionDays: t('aidAdmin.settings.objectionDays'),
    objectionBasis: t('aidAdmin.settings.objectionBasis'),
    firstReviewPolicy: t('aidAdmin.settings.firstReview'),
    assignmentPolicy: t('aidAdmin.settings.assignment'),
    objectionPolicy: t('aidAdmin.settings.objectionReview'),
    pledgeAllowed: t('aidAdmin.settings.pledgeAllowed'),
  };

  const save = async (v: Values) => {
    const patch: AidSettingsPatch = { version: settings.version };
    if (v.materialsDays !== settings.materialsDays) patch.materialsDays = v.materialsDays;
    // empty: no period (法律援助法 第四十九条 sets none); a period carries the provincial rule it rests on
    const days = typeof v.objectionDays === 'number' ? v.objectionDays : null;
    const basis = days === null ? null : v.objectionBasis?.trim() || null;
    if (days !== settings.objectionDays) patch.objectionDays = days;
    if (basis !== settings.objectionBasis) patch.objectionBasis = basis;
    if (JSON.stringify(v.firstReviewPolicy) !== JSON.stringify(pick(settings.firstReviewPolicy)))
      patch.firstReviewPolicy = v.firstReviewPolicy;
    if (JSON.stringify(v.assignmentPolicy) !== JSON.stringify(pick(settings.assignmentPolicy))) patch.assignmentPolicy = v.assignmentPolicy;
    if (JSON.stringify(v.objectionPolicy) !== JSON.stringify(pick(settings.objectionPolicy))) patch.objectionPolicy = v.objectionPolicy;
    if (v.pledgeAllowed !== settings.pledgeAllowed) patch.pledgeAllowed = v.pledgeAllowed;
    setSaving(true);
    setError(undefined);
    try {
      await api.patch<AidSettings>('/legal-aid/settings', patch);
      message.success(t('aidAdmin.settings.saved'));
      onSaved();
    } catch (e) {
      setError(e);
      markServerFields(form, e, errorText(e), FIELDS);
    } finally {
      setSaving(false);
    }
  };

  const days = (name: string | string[], testId: string) => (
    <Form.Item name={name} noStyle rules={[{ required: true, message: t('aidAdmin.settings.daysRequired') }]}>
      <InputNumber min={1} max={90} precision={0} suffix={t('aidAdmin.settings.daysSuffix')} style={{ width: 110 }} data-testid={testId} />
    </Form.Item>
  );
  // the Law's own periods (第四十三条 assignment in 3 days) count calendar days: working days would lengthen them
  const policy = (name: 'firstReviewPolicy' | 'assignmentPolicy' | 'objectionPolicy', testId: string, calendarOnly = false) => (
    <Space wrap size={8}>
      <Form.Item name={[name, 'unit']} noStyle>
        <Radio.Group
          optionType="button"
          options={(['calendar', 'working'] as const).map((u) => ({
            value: u,
            label: t(`aidAdmin.settings.units.${u}`),
            disabled: calendarOnly && u === 'working',
          }))}
        />
      </Form.Item>
      {days([name, 'days'], testId)}
      <Form.Item name={[name, 'dueSoonDays']} noStyle rules={[{ required: true, message: t('aidAdmin.settings.daysRequired') }]}>
        <InputNumber
          min={0}
          max={60}
          precision={0}
          prefix={t('aidAdmin.settings.dueSoonDays')}
          suffix={t('aidAdmin.settings.dueSoonSuffix')}
          style={{ width: 190 }}
        />
      </Form.Item>
    </Space>
  );
  const note = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
      {text}
    </Typography.Text>
  );

  return (
    <>
      <ServerError
        error={error}
        labels={labels}
        testId="aid-settings-error"
        action={
          conflict ? (
            <Button size="small" onClick={onReload}>
              {t('aidAdmin.reload')}
            </Button>
          ) : undefined
        }
      />
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '170px' }}
        labelWrap
        colon={false}
        disabled={!admin || saving}
        initialValues={{
          materialsDays: settings.materialsDays,
          objectionDays: settings.objectionDays,
          objectionBasis: settings.objectionBasis ?? '',
          firstReviewPolicy: pick(settings.firstReviewPolicy),
          assignmentPolicy: pick(settings.assignmentPolicy),
          objectionPolicy: pick(settings.objectionPolicy),
          pledgeAllowed: settings.pledgeAllowed,
        }}
        onFinish={(v) => void save(v)}
        data-testid="aid-settings-form"
      >
        <Form.Item label={labels.materialsDays} extra={note(t('aidAdmin.settings.materialsNote'))} required>
          {days('materialsDays', 'aid-settings-materials-days')}
        </Form.Item>
        <Form.Item label={labels.objectionDays} extra={note(t('aidAdmin.settings.objectionNote'))}>
          <Space wrap size={8}>
            <Form.Item name="objectionDays" noStyle>
              <InputNumber
                min={1}
                max={90}
                precision={0}
                placeholder={t('aidAdmin.settings.objectionNone')}
                suffix={t('aidAdmin.settings.daysSuffix')}
                style={{ width: 130 }}
                data-testid="aid-settings-objection-days"
              />
            </Form.Item>
            {typeof objectionDays === 'number' && (
              <Form.Item
                name="objectionBasis"
                noStyle
                rules={[{ required: true, whitespace: true, message: t('aidAdmin.settings.objectionBasisRequired') }]}
              >
                <Input
                  maxLength={500}
                  placeholder={t('aidAdmin.settings.objectionBasisPlaceholder')}
                  style={{ width: 320 }}
                  aria-label={labels.objectionBasis}
                  data-testid="aid-settings-objection-basis"
                />
              </Form.Item>
            )}
          </Space>
        </Form.Item>
        <Form.Item label={labels.firstReviewPolicy} required extra={note(t('aidAdmin.settings.firstReviewNote'))}>
          {policy('firstReviewPolicy', 'aid-settings-first-review-days')}
        </Form.Item>
        <Form.Item
          label={labels.assignmentPolicy}
          required
          extra={
            <>
              {note(t('aidAdmin.settings.assignmentNote'))}
              {typeof assignmentDays === 'number' && assignmentDays > 3 && (
                <div>
                  <Typography.Text type="warning">{t('aidAdmin.settings.assignmentOverLaw')}</Typography.Text>
                </div>
              )}
            </>
          }
        >
          {policy('assignmentPolicy', 'aid-settings-assignment-days', true)}
        </Form.Item>
        <Form.Item
          label={labels.objectionPolicy}
          required
          extra={
            <>
              {note(t('aidAdmin.settings.objectionReviewNote'))}
              {typeof reviewDays === 'number' && reviewDays > 5 && (
                <div>
                  <Typography.Text type="warning">{t('aidAdmin.settings.objectionReviewOverLaw')}</Typography.Text>
                </div>
              )}
            </>
          }
        >
          {policy('objectionPolicy', 'aid-settings-review-days')}
        </Form.Item>
        <Form.Item
          name="pledgeAllowed"
          label={labels.pledgeAllowed}
          valuePropName="checked"
          extra={note(t('aidAdmin.settings.pledgeNote'))}
        >
          <Switch data-testid="aid-settings-pledge" />
        </Form.Item>
        <Row wrap={false}>
          <Col flex="170px" />
          <Col flex="auto" style={{ minWidth: 0 }}>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('aidAdmin.settings.decisionNote')}
              action={<Link to="/catalogue">{t('aidAdmin.settings.decisionLink')}</Link>}
            />
            {admin && (
              <Button type="primary" htmlType="submit" loading={saving} disabled={conflict} data-testid="aid-settings-save">
                {t('action.save')}
              </Button>
            )}
          </Col>
        </Row>
      </Form>
    </>
  );
}

/** The policy's own three fields, in a fixed order, so that comparing before and after is a string compare. */
const pick = (p: TimeLimitPolicy): TimeLimitPolicy => ({ unit: p.unit, days: p.days, dueSoonDays: p.dueSoonDays });
